package dev.easel.bridge.a1111;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.generate.GenerationRequest;

import java.util.List;
import java.util.Map;

/**
 * A generation request read from JSON, ready to queue.
 *
 * @param request           the pipeline request, settings applied
 * @param checkpoint        the model the job must run on, null for "whatever is selected when it runs"
 * @param overrides         the request's {@code override_settings}, checked
 * @param keepOverrides     true when the overrides become the new settings afterwards
 *                          ({@code override_settings_restore_afterwards: false})
 * @param warnings          replacements made on the way (unknown sampler, ignored fields)
 * @param sendImages        A1111's {@code send_images}
 * @param includeInitImages A1111's {@code include_init_images}: echo inputs in {@code parameters}
 * @param taskId            A1111's {@code force_task_id}, or null
 * @param echo              the request as A1111 echoes it in {@code parameters}
 */
public record ParsedGeneration(GenerationRequest request, String checkpoint, Map<String, Object> overrides,
                               boolean keepOverrides, List<String> warnings, boolean sendImages,
                               boolean includeInitImages, String taskId, ObjectNode echo) { }
