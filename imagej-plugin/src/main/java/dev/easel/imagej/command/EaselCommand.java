package dev.easel.imagej.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.scijava.command.ContextCommand;

import dev.easel.imagej.bridge.BridgeClient;
import dev.easel.imagej.bridge.BridgeException;
import dev.easel.imagej.bridge.BridgeSettings;
import dev.easel.imagej.bridge.JobCancelledException;
import dev.easel.imagej.bridge.JobListener;
import dev.easel.imagej.bridge.JobResult;
import dev.easel.imagej.bridge.JobRunner;
import dev.easel.imagej.bridge.JobStatus;
import dev.easel.imagej.image.Png;
import ij.IJ;
import ij.process.ColorProcessor;

/**
 * What every Easel command shares: the bridge settings, running one job with progress and cancel (Esc,
 * the Cancel window, or {@link #cancel(String)}), and turning every user-caused failure into one clear
 * message, the command's cancel reason, instead of a stack trace. SciJava shows that reason when it runs
 * the command (its module runner warns through the StatusService, a dialog in Fiji); the ImageJ 1 macro
 * entries show it with {@code IJ.error}, which also stops the macro.
 *
 * <p>Commands need no SciJava services: the ImageJ 1 macro entries ({@code dev.easel.imagej.ij1}) run
 * them without a context. Field names of {@code @Parameter}s are the macro keys.</p>
 */
public abstract class EaselCommand extends ContextCommand {

    private final List<JobListener> listeners = new CopyOnWriteArrayList<>();
    private BridgeSettings settings;

    /** Does the command's work; user-caused problems are thrown as {@link BridgeException}s. */
    protected abstract void execute() throws BridgeException;

    @Override
    public final void run() {
        try {
            execute();
        } catch (JobCancelledException e) {
            cancel(e.getMessage());
            IJ.showStatus("Easel: cancelled");
        } catch (BridgeException e) {
            fail(e.getMessage());
        }
    }

    /** Also tells {@code listener} about this command's jobs (scripts; tests). */
    public void addJobListener(JobListener listener) {
        listeners.add(listener);
    }

    /** Talk to this bridge instead of the one saved in Easel Settings. */
    public void setSettings(BridgeSettings settings) {
        this.settings = settings;
    }

    protected BridgeSettings settings() {
        return settings != null ? settings : BridgeSettings.load();
    }

    protected BridgeClient client() {
        return new BridgeClient(settings());
    }

    /** A problem the user can fix: stops the command with {@code message} as the reason. */
    protected void fail(String message) {
        cancel(message);
        IJ.showStatus("Easel: " + message.split("\n", 2)[0]);
    }

    /** Runs one job on the bridge, showing progress, until done, failed, cancelled or timed out. */
    protected JobResult runJob(String what, Map<String, Object> body) throws BridgeException {
        IJ.resetEscape();
        final CancelWindow window = CancelWindow.open(what);
        List<JobListener> all = new ArrayList<>();
        all.add(new ImageJProgress(what));
        all.add(window);
        all.addAll(listeners);
        JobListener fanOut = new JobListener() {
            @Override
            public void submitted(String jobId) {
                for (JobListener l : all) {
                    l.submitted(jobId);
                }
            }

            @Override
            public void progress(JobStatus status) {
                for (JobListener l : all) {
                    l.progress(status);
                }
            }

            @Override
            public void finished() {
                for (JobListener l : all) {
                    l.finished();
                }
            }
        };
        return new JobRunner(client()).run(body, fanOut,
                () -> isCanceled() || IJ.escapePressed() || window.pressed());
    }

    /** Decodes result image {@code i}. */
    protected static ColorProcessor decode(JobResult result, int i) throws BridgeException {
        try {
            return Png.decode(result.pngs().get(i));
        } catch (java.io.IOException e) {
            throw new BridgeException("The bridge sent an image this plugin cannot read (" + e.getMessage() + ").");
        }
    }

    /** Throws {@code message} as a user error unless {@code ok}. */
    protected static void require(boolean ok, String message) throws BridgeException {
        if (!ok) {
            throw new BridgeException(message);
        }
    }
}
