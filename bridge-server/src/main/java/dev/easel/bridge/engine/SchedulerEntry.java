package dev.easel.bridge.engine;

import java.util.List;

/**
 * A schedule type as A1111's /schedulers lists it.
 *
 * @param name  the id ("karras")
 * @param label the display name ("Karras"), which infotexts and combined sampler names use
 */
public record SchedulerEntry(String name, String label, List<String> aliases) { }
