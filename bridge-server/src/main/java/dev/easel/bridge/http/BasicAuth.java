package dev.easel.bridge.http;

import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

/**
 * HTTP Basic authentication against "user:password" pairs, as A1111's {@code --api-auth}. Compares
 * in constant time so a wrong password takes as long to reject as a nearly right one.
 */
public final class BasicAuth {
    private final List<byte[]> accepted;

    public BasicAuth(List<String> credentials) {
        for (String c : credentials) {
            if (c.indexOf(':') <= 0) {
                throw new IllegalArgumentException("--api-auth takes user:password, got an entry without a user name");
            }
        }
        this.accepted = credentials.stream().map(c -> c.getBytes(StandardCharsets.UTF_8)).toList();
    }

    public boolean enabled() { return !accepted.isEmpty(); }

    /** Throws a 401 unless the request carries one of the accepted credentials. */
    public void check(Context ctx) {
        if (!enabled()) return;
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            byte[] given;
            try {
                given = Base64.getDecoder().decode(header.substring(6).trim());
            } catch (IllegalArgumentException e) {
                given = new byte[0];
            }
            boolean ok = false;
            for (byte[] a : accepted) {
                ok |= MessageDigest.isEqual(a, given);
            }
            if (ok) return;
        }
        ctx.header("WWW-Authenticate", "Basic realm=\"Easel\", charset=\"UTF-8\"");
        throw new ApiException(401, "unauthorized",
                "this bridge requires HTTP Basic authentication; send the user and password it was started with (--api-auth)");
    }
}
