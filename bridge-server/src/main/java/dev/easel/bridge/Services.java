package dev.easel.bridge;

import dev.easel.bridge.a1111.Options;
import dev.easel.bridge.engine.Engine;
import dev.easel.bridge.queue.JobQueue;

/** What every route works with: built once at start-up, shared by all handlers. */
public record Services(BridgeConfig config, Engine engine, JobQueue queue, Options options, String version) { }
