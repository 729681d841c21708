package dev.easel.imagej.command;

import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import dev.easel.imagej.bridge.BridgeSettings;
import ij.IJ;

/**
 * Where the bridge runs, its credentials and the timeouts, saved in ImageJ's preferences for every Easel
 * command. The dialog opens on the saved values.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Easel>Easel Settings...",
        description = "Bridge address, credentials and timeouts for the Easel commands")
public class SettingsCommand extends ContextCommand {

    @Parameter(label = "Bridge URL", persist = false, initializer = "loadSaved")
    private String url = BridgeSettings.DEFAULT_URL;

    @Parameter(label = "User (empty = no authentication)", required = false, persist = false)
    private String user = "";

    @Parameter(label = "Password", style = "password", required = false, persist = false)
    private String password = "";

    @Parameter(label = "Connect timeout (s)", min = "1", persist = false)
    private int connect_timeout = BridgeSettings.DEFAULT_CONNECT_TIMEOUT_S;

    @Parameter(label = "Request timeout (s)", min = "1", persist = false)
    private int request_timeout = BridgeSettings.DEFAULT_REQUEST_TIMEOUT_S;

    @Parameter(label = "Job timeout (s)", min = "1", persist = false)
    private int job_timeout = BridgeSettings.DEFAULT_JOB_TIMEOUT_S;

    /** Fills the dialog with what is saved. */
    public void loadSaved() {
        BridgeSettings s = BridgeSettings.load();
        url = s.url();
        user = s.user();
        password = s.password();
        connect_timeout = s.connectTimeoutS();
        request_timeout = s.requestTimeoutS();
        job_timeout = s.jobTimeoutS();
    }

    @Override
    public void run() {
        if (url == null || !(url.trim().startsWith("http://") || url.trim().startsWith("https://"))) {
            cancel("The bridge URL must start with http:// or https://, for example " + BridgeSettings.DEFAULT_URL
                    + ".");
            return;
        }
        BridgeSettings s = new BridgeSettings(url, user, password, connect_timeout, request_timeout, job_timeout,
                BridgeSettings.load().pollIntervalMs());
        s.save();
        IJ.showStatus("Easel: bridge at " + s);
    }
}
