package dev.easel.bridge.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every error a JSON body {@code {"error", "detail"}} (plus {@code "field"} when one field is
 * at fault): ours, Javalin's own (404 for unknown routes, 405, 413) and unexpected exceptions,
 * which are logged and answered without a stack trace.
 */
public final class ErrorHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandlers.class);

    private ErrorHandlers() { }

    public static void register(Javalin app) {
        app.exception(ApiException.class, (e, ctx) -> write(ctx, e.status(), e.error(), e.detail(), e.field()));
        app.exception(ClientGoneException.class, (e, ctx) -> ctx.status(499).result(""));
        app.exception(HttpResponseException.class, (e, ctx) ->
                write(ctx, e.getStatus(), kind(e.getStatus()), describe(ctx, e.getStatus(), e.getMessage()), null));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, 500, "internal error", e.getClass().getSimpleName() + ": " + e.getMessage()
                    + " (the bridge's log has the details)", null);
        });
        for (int status : new int[]{404, 405, 413}) {
            app.error(status, ctx -> {
                if (!isJson(ctx)) write(ctx, status, kind(status), describe(ctx, status, null), null);
            });
        }
    }

    public static void write(Context ctx, int status, String error, String detail, String field) {
        ObjectNode body = Json.object();
        body.put("error", error);
        body.put("detail", detail);
        if (field != null) body.put("field", field);
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }

    private static boolean isJson(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith("application/json") && ctx.result() != null && !ctx.result().isEmpty();
    }

    private static String kind(int status) {
        return switch (status) {
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 413 -> "request too large";
            case 401 -> "unauthorized";
            case 400 -> "bad request";
            default -> "error";
        };
    }

    private static String describe(Context ctx, int status, String message) {
        return switch (status) {
            case 404 -> "no route " + ctx.method() + " " + ctx.path() + "; see /easel/v1/openapi.json and docs/api.md";
            case 405 -> "route " + ctx.path() + " does not take " + ctx.method();
            case 413 -> "the request body is larger than the bridge's limit; send smaller images or start the bridge with a larger --max-body-mb";
            default -> message == null ? "HTTP " + status : message;
        };
    }
}
