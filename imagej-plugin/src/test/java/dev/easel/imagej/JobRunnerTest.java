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

/** The jobs-API client over real HTTP: progress, cancel, timeout, failures, auth, no bridge. */
class JobRunnerTest {

    private FakeBridge bridge;

    @BeforeEach
    void start() throws IOException {
        bridge = new FakeBridge();
    }

    @AfterEach
    void stop() {
        bridge.close();
    }

    private JobRunner runner(BridgeSettings s) {
        return new JobRunner(new BridgeClient(s.withPollInterval(10)));
    }

    private static Map<String, Object> txt2img(int steps) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mode", "txt2img");
        body.put("prompt", "a lighthouse");
        body.put("steps", steps);
        body.put("width", 64);
        body.put("height", 48);
        return body;
    }

    @Test
    void runsAJobToItsResultReportingEachStep() throws BridgeException {
        List<Integer> steps = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        JobResult result = runner(BridgeSettings.defaults().withUrl(bridge.url())).run(txt2img(5),
                new JobListener() {
                    @Override
                    public void submitted(String jobId) {
                        ids.add(jobId);
                    }

                    @Override
                    public void progress(JobStatus status) {
                        steps.add(status.step());
                    }
                }, JobRunner.NEVER);
        assertEquals(1, result.size());
        assertEquals(List.of("job1"), ids);
        assertEquals(List.of(1, 2, 3, 4), steps);
        assertTrue(result.infotext(0).startsWith("a lighthouse\nSteps: 5"));
        assertEquals(1000L, result.seed(0));
        assertEquals("a lighthouse", bridge.submitted.get(0).path("prompt").asText());
    }

    @Test
    void cancellingDeletesTheJobOnTheBridge() {
        int[] polls = {0};
        JobRunner.CancelSignal afterTwoPolls = () -> polls[0]++ >= 2;
        JobCancelledException e = assertThrows(JobCancelledException.class,
                () -> runner(BridgeSettings.defaults().withUrl(bridge.url())).run(txt2img(50), new JobListener() { },
                        afterTwoPolls));
        assertEquals(List.of(e.jobId()), bridge.deleted);
    }

    @Test
    void aJobPastItsTimeoutIsDeletedAndExplained() {
        bridge.stepsOverride = 1_000_000;
        BridgeSettings s = BridgeSettings.defaults().withUrl(bridge.url()).withTimeouts(5, 5, 1);
        BridgeException e = assertThrows(BridgeException.class,
                () -> runner(s).run(txt2img(20), new JobListener() { }, JobRunner.NEVER));
        assertTrue(e.getMessage().contains("longer than 1 s"), e.getMessage());
        assertTrue(e.getMessage().contains("Easel Settings"), e.getMessage());
        assertEquals(List.of("job1"), bridge.deleted);
    }

    @Test
    void aFailedJobSaysWhyInTheBridgesWords() {
        bridge.failWith = "the UNet ran out of memory: try a smaller image";
        BridgeException e = assertThrows(BridgeException.class,
                () -> runner(BridgeSettings.defaults().withUrl(bridge.url())).run(txt2img(2), new JobListener() { },
                        JobRunner.NEVER));
        assertEquals("The bridge could not finish the job: the UNet ran out of memory: try a smaller image",
                e.getMessage());
    }

    @Test
    void credentialsAreSentAndTheirAbsenceExplained() throws BridgeException {
        bridge.requiredAuth = "ann:secret";
        BridgeException e = assertThrows(BridgeException.class,
                () -> new BridgeClient(BridgeSettings.defaults().withUrl(bridge.url())).health());
        assertTrue(e.getMessage().contains("user name and password"), e.getMessage());
        BridgeSettings withAuth = new BridgeSettings(bridge.url(), "ann", "secret", 5, 5, 5, 10);
        assertEquals("ok", new BridgeClient(withAuth).health().path("status").asText());
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
    void badRequestsCarryTheBridgesDetail() {
        BridgeException e = assertThrows(BridgeException.class,
                () -> new BridgeClient(BridgeSettings.defaults().withUrl(bridge.url())).get("/no/such/route"));
        assertTrue(e.getMessage().endsWith(": /no/such/route"), e.getMessage());
    }
}
