package dev.easel.imagej.command;

import java.util.Locale;

import dev.easel.imagej.bridge.JobListener;
import dev.easel.imagej.bridge.JobStatus;
import ij.IJ;

/** Shows a job in ImageJ's progress bar and status line. */
final class ImageJProgress implements JobListener {

    private final String what;

    ImageJProgress(String what) {
        this.what = what;
    }

    @Override
    public void submitted(String jobId) {
        IJ.showStatus("Easel: " + what + " sent to the bridge (Esc cancels)");
    }

    @Override
    public void progress(JobStatus status) {
        IJ.showStatus(describe(what, status));
        if (status.total() > 0) {
            IJ.showProgress(status.step(), status.total());
        }
    }

    @Override
    public void finished() {
        IJ.showProgress(1.0);
        IJ.showStatus("");
    }

    /** "Easel: inpaint, step 4/20, about 6 s left (Esc cancels)" or the queue position. */
    static String describe(String what, JobStatus status) {
        StringBuilder s = new StringBuilder("Easel: ").append(what);
        if (JobStatus.QUEUED.equals(status.state())) {
            s.append(", waiting in the bridge's queue");
            if (status.queuePosition() > 0) {
                s.append(" (position ").append(status.queuePosition()).append(')');
            }
        } else if (status.total() > 0) {
            s.append(", step ").append(status.step()).append('/').append(status.total());
            if (status.etaSeconds() >= 0) {
                s.append(String.format(Locale.ROOT, ", about %.0f s left", status.etaSeconds()));
            }
        }
        return s.append(" (Esc cancels)").toString();
    }
}
