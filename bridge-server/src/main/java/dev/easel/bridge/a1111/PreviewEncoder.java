package dev.easel.bridge.a1111;

import dev.easel.bridge.http.ImagePayloads;
import dev.easel.bridge.queue.Job;

/**
 * Encodes the running job's latest preview as base64 PNG, once per preview: clients poll progress
 * several times a second and the preview changes only every few steps.
 */
public final class PreviewEncoder {
    private Job job;
    private int version = -1;
    private String encoded;

    public synchronized String encode(Job j) {
        if (j.preview() == null) return null;
        int v = j.previewVersion();
        if (j != job || v != version) {
            encoded = ImagePayloads.encode(j.preview(), null);
            job = j;
            version = v;
        }
        return encoded;
    }
}
