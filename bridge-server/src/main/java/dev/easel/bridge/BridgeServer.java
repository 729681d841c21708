package dev.easel.bridge;

import dev.easel.bridge.a1111.A1111Routes;
import dev.easel.bridge.a1111.Options;
import dev.easel.bridge.engine.Engine;
import dev.easel.bridge.engine.PipelineEngine;
import dev.easel.bridge.http.BasicAuth;
import dev.easel.bridge.http.ErrorHandlers;
import dev.easel.bridge.http.Json;
import dev.easel.bridge.jobs.EaselRoutes;
import dev.easel.bridge.queue.JobQueue;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The running bridge: Javalin on one port serving A1111's {@code /sdapi/v1} and Easel's
 * {@code /easel/v1} routes over one engine and one job queue. Closing it stops the server, cancels
 * the queue and closes the engine (and with it every native resource).
 */
public final class BridgeServer implements AutoCloseable {
    /** Shown in health and options; the Maven version when packaged, "dev" from the IDE. */
    public static final String VERSION = versionOf();

    private final Javalin app;
    private final Services services;

    private BridgeServer(Javalin app, Services services) {
        this.app = app;
        this.services = services;
    }

    /** Opens the model store named by the config and starts serving. */
    public static BridgeServer start(BridgeConfig config) {
        checkSafe(config);
        return start(config, PipelineEngine.open(config));
    }

    /** Starts serving over {@code engine}, which the server then owns and closes. */
    public static BridgeServer start(BridgeConfig config, Engine engine) {
        checkSafe(config);
        BasicAuth auth = new BasicAuth(config.apiAuth());
        Services services = new Services(config, engine, new JobQueue(), new Options(), VERSION);
        Javalin app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.jetty.defaultHost = config.host();
            c.jetty.defaultPort = config.port();
            c.http.maxRequestSize = config.maxBodyBytes();
            c.http.prefer405over404 = true;
            c.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            if (!config.corsOrigins().isEmpty()) {
                c.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    if (config.corsOrigins().contains("*")) {
                        rule.anyHost();
                    } else {
                        config.corsOrigins().forEach(o -> rule.allowHost(o));
                    }
                }));
            }
        });
        app.before(ctx -> {
            ctx.attribute("easel.t0", System.nanoTime());
            if (ctx.method() != HandlerType.OPTIONS) auth.check(ctx);
        });
        app.after(ctx -> {
            Long t0 = ctx.attribute("easel.t0");
            if (t0 != null) ctx.header("X-Process-Time", String.format("%.4f", (System.nanoTime() - t0) / 1e9));
        });
        ErrorHandlers.register(app);
        A1111Routes.register(app, services);
        EaselRoutes.register(app, services);
        try {
            app.start();
        } catch (RuntimeException e) {
            services.queue().close();
            engine.close();
            throw e;
        }
        return new BridgeServer(app, services);
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return app.port();
    }

    public Services services() {
        return services;
    }

    @Override
    public void close() {
        app.stop();
        services.queue().close();
        services.engine().close();
    }

    /** Listening beyond loopback without authentication would hand the GPU to the network. */
    static void checkSafe(BridgeConfig config) {
        if (!isLoopback(config.host()) && config.apiAuth().isEmpty()) {
            throw new IllegalArgumentException("refusing to listen on " + config.host()
                    + " without authentication: add --api-auth user:password (or drop --listen to stay on 127.0.0.1)");
        }
    }

    private static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) return false;
        if (host.equals("localhost")) return true;
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String versionOf() {
        String v = BridgeServer.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
