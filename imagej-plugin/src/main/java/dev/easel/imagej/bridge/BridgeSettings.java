package dev.easel.imagej.bridge;

import ij.Prefs;

/**
 * Where the bridge is and how long to wait for it. Kept in ImageJ's preferences ({@link Prefs}), so the
 * SciJava commands and the ImageJ 1 macro entries share one set, and Fiji saves it on exit.
 */
public final class BridgeSettings {

    /** The bridge's default address: A1111's port, on loopback. */
    public static final String DEFAULT_URL = "http://127.0.0.1:7860";
    public static final int DEFAULT_CONNECT_TIMEOUT_S = 5;
    /** One HTTP request (a result can be tens of megabytes of base64). */
    public static final int DEFAULT_REQUEST_TIMEOUT_S = 120;
    /** A whole job, queue wait included. */
    public static final int DEFAULT_JOB_TIMEOUT_S = 1800;
    public static final int DEFAULT_POLL_INTERVAL_MS = 250;

    private static final String KEY = "easel.";

    private final String url;
    private final String user;
    private final String password;
    private final int connectTimeoutS;
    private final int requestTimeoutS;
    private final int jobTimeoutS;
    private final int pollIntervalMs;

    public BridgeSettings(String url, String user, String password, int connectTimeoutS, int requestTimeoutS,
                          int jobTimeoutS, int pollIntervalMs) {
        this.url = trimSlash(url == null || url.trim().isEmpty() ? DEFAULT_URL : url.trim());
        this.user = user == null ? "" : user;
        this.password = password == null ? "" : password;
        this.connectTimeoutS = Math.max(1, connectTimeoutS);
        this.requestTimeoutS = Math.max(1, requestTimeoutS);
        this.jobTimeoutS = Math.max(1, jobTimeoutS);
        this.pollIntervalMs = Math.max(10, pollIntervalMs);
    }

    public static BridgeSettings defaults() {
        return new BridgeSettings(DEFAULT_URL, "", "", DEFAULT_CONNECT_TIMEOUT_S, DEFAULT_REQUEST_TIMEOUT_S,
                DEFAULT_JOB_TIMEOUT_S, DEFAULT_POLL_INTERVAL_MS);
    }

    /** The settings saved by Easel Settings, or the defaults. */
    public static BridgeSettings load() {
        return new BridgeSettings(
                Prefs.get(KEY + "url", DEFAULT_URL),
                Prefs.get(KEY + "user", ""),
                Prefs.get(KEY + "password", ""),
                (int) Prefs.get(KEY + "connectTimeout", DEFAULT_CONNECT_TIMEOUT_S),
                (int) Prefs.get(KEY + "requestTimeout", DEFAULT_REQUEST_TIMEOUT_S),
                (int) Prefs.get(KEY + "jobTimeout", DEFAULT_JOB_TIMEOUT_S),
                (int) Prefs.get(KEY + "pollInterval", DEFAULT_POLL_INTERVAL_MS));
    }

    /** Stores these settings in ImageJ's preferences (written to disk when ImageJ saves them). */
    public void save() {
        Prefs.set(KEY + "url", url);
        Prefs.set(KEY + "user", user);
        Prefs.set(KEY + "password", password);
        Prefs.set(KEY + "connectTimeout", connectTimeoutS);
        Prefs.set(KEY + "requestTimeout", requestTimeoutS);
        Prefs.set(KEY + "jobTimeout", jobTimeoutS);
        Prefs.set(KEY + "pollInterval", pollIntervalMs);
    }

    private static String trimSlash(String s) {
        String out = s;
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }

    public String url() { return url; }
    public String user() { return user; }
    public String password() { return password; }
    public boolean hasCredentials() { return !user.isEmpty(); }
    public int connectTimeoutS() { return connectTimeoutS; }
    public int requestTimeoutS() { return requestTimeoutS; }
    public int jobTimeoutS() { return jobTimeoutS; }
    public int pollIntervalMs() { return pollIntervalMs; }

    public BridgeSettings withUrl(String newUrl) {
        return new BridgeSettings(newUrl, user, password, connectTimeoutS, requestTimeoutS, jobTimeoutS,
                pollIntervalMs);
    }

    public BridgeSettings withTimeouts(int connectS, int requestS, int jobS) {
        return new BridgeSettings(url, user, password, connectS, requestS, jobS, pollIntervalMs);
    }

    public BridgeSettings withPollInterval(int ms) {
        return new BridgeSettings(url, user, password, connectTimeoutS, requestTimeoutS, jobTimeoutS, ms);
    }

    @Override
    public String toString() {
        return url + (hasCredentials() ? " (as " + user + ")" : "");
    }
}
