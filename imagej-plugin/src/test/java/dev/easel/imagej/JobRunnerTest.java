package dev.easel.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.easel.imagej.bridge.BridgeClient;
import dev.easel.imagej.bridge.BridgeException;
import dev.easel.imagej.bridge.BridgeSettings;
import dev.easel.imagej.bridge.BridgeUnavailableException;
import dev.easel.imagej.bridge.JobCancelledException;
import dev.easel.imagej.bridge.JobListener;
import dev.easel.imagej.bridge.JobResult;
import dev.easel.imagej.bridge.JobRunner;
import dev.easel.imagej.bridge.JobStatus;

/** The jobs-API client against the real bridge server: progress, cancel, timeout, failures, auth, no bridge. */
class JobRunnerTest {

    private TestBridge bridge;

    @BeforeEach
    void start() {
        bridge = TestBridge.start();
    }

    @AfterEach
    void stop() {
        bridge.close();
    }

    private JobRunner runner(BridgeSettings s) {
        return new JobRunner(new BridgeClient(s.withPollInterval(10)));
    }

    private BridgeSettings settings() {
        return BridgeSettings.defaults().withUrl(bridge.url());
    }

    private static Map<String, Object> txt2img(int steps) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mode", "txt2img");
        body.put("prompt", "a lighthouse");
        body.put("steps", steps);
        body.put("width", 64);
        body.put("height", 64);
        return body;
    }

    @Test
    void runsAJobToItsResultReportingProgress() throws BridgeException {
        bridge.engine.stepMillis = 30;
        List<Integer> steps = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        JobResult result = runner(settings()).run(txt2img(6), new JobListener() {
            @Override
            public void submitted(String jobId) {
                ids.add(jobId);
            }

            @Override
            public void progress(JobStatus status) {
                steps.add(status.step());
                assertTrue(status.total() == 0 || status.total() == 6, "total " + status.total());
            }
        }, JobRunner.NEVER);
        assertEquals(1, result.size());
        assertEquals(1, ids.size());
        assertTrue(steps.size() >= 2, steps.toString());
        for (int i = 1; i < steps.size(); i++) {
            assertTrue(steps.get(i) >= steps.get(i - 1), steps.toString());
        }
        assertTrue(result.infotext(0).startsWith("a lighthouse\nSteps: 6"), result.infotext(0));
        assertEquals(1000L, result.seed(0));
        assertEquals("a lighthouse", bridge.engine.requests.get(0).prompt);
    }

    @Test
    void cancellingDeletesTheJobOnTheBridge() throws BridgeException {
        bridge.engine.stepMillis = 20;
        int[] polls = {0};
        JobRunner.CancelSignal afterFivePolls = () -> polls[0]++ >= 5;
        JobCancelledException e = assertThrows(JobCancelledException.class,
                () -> runner(settings()).run(txt2img(150), new JobListener() { }, afterFivePolls));
        assertEquals(JobStatus.CANCELLED, new BridgeClient(settings()).status(e.jobId()).state());
    }

    @Test
    void aJobPastItsTimeoutIsDeletedAndExplained() throws BridgeException {
        bridge.engine.stepMillis = 50;
        BridgeSettings s = settings().withTimeouts(5, 5, 1);
        List<String> ids = new ArrayList<>();
        BridgeException e = assertThrows(BridgeException.class, () -> runner(s).run(txt2img(150), new JobListener() {
            @Override
            public void submitted(String jobId) {
                ids.add(jobId);
            }
        }, JobRunner.NEVER));
        assertTrue(e.getMessage().contains("longer than 1 s"), e.getMessage());
        assertTrue(e.getMessage().contains("Easel Settings"), e.getMessage());
        assertEquals(JobStatus.CANCELLED, new BridgeClient(settings()).status(ids.get(0)).state());
    }

    @Test
    void aFailedJobSaysWhyInTheBridgesWords() {
        bridge.engine.failWith = "the UNet ran out of memory";
        BridgeException e = assertThrows(BridgeException.class,
                () -> runner(settings()).run(txt2img(2), new JobListener() { }, JobRunner.NEVER));
        assertTrue(e.getMessage().startsWith("The bridge could not finish the job: "), e.getMessage());
        assertFalse(e.getMessage().contains("\tat "), e.getMessage());
    }

    @Test
    void credentialsAreSentAndTheirAbsenceExplained() throws BridgeException {
        try (TestBridge guarded = TestBridge.withAuth("ann:secret")) {
            BridgeException e = assertThrows(BridgeException.class,
                    () -> new BridgeClient(BridgeSettings.defaults().withUrl(guarded.url())).health());
            assertTrue(e.getMessage().contains("user name and password"), e.getMessage());
            BridgeSettings withAuth = new BridgeSettings(guarded.url(), "ann", "secret", 5, 5, 5, 10);
            assertEquals("ok", new BridgeClient(withAuth).health().path("status").asText());
        }
    }

    @Test
    void noBridgeGivesOneMessageSayingHowToStartIt() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        BridgeUnavailableException e = assertThrows(BridgeUnavailableException.class,
                () -> new BridgeClient(BridgeSettings.defaults().withUrl(url)).health());
        assertEquals(BridgeUnavailableException.messageFor(url), e.getMessage());
        assertTrue(e.getMessage().contains(BridgeUnavailableException.START_COMMAND));
        assertFalse(e.getMessage().contains("Exception"));
    }

    @Test
    void refusedRequestsCarryTheBridgesDetailNamingTheField() {
        Map<String, Object> body = txt2img(2);
        body.put("stepz", 3);
        BridgeException e = assertThrows(BridgeException.class,
                () -> runner(settings()).run(body, new JobListener() { }, JobRunner.NEVER));
        assertTrue(e.getMessage().startsWith("The bridge refused POST /easel/v1/jobs: "), e.getMessage());
        assertTrue(e.getMessage().contains("stepz"), e.getMessage());
    }
}
