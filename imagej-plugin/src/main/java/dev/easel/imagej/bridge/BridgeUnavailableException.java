package dev.easel.imagej.bridge;

/** Nothing answers at the bridge's address: the bridge is not running, or the address is wrong. */
public final class BridgeUnavailableException extends BridgeException {
    private static final long serialVersionUID = 1L;

    /** How to start the bridge, as the README says. */
    public static final String START_COMMAND = "java -jar bridge-server/target/easel-bridge.jar --models models";

    public BridgeUnavailableException(String url, Throwable cause) {
        super(messageFor(url), cause);
    }

    /** The one message a user sees when the bridge is not running. */
    public static String messageFor(String url) {
        return "The Easel bridge is not running at " + url + ".\n"
                + "Start it in a terminal with:\n"
                + "    " + START_COMMAND + "\n"
                + "(from the Easel folder; see its README), then run this command again.\n"
                + "If it runs elsewhere, set its address in Plugins > Easel > Easel Settings.";
    }
}
