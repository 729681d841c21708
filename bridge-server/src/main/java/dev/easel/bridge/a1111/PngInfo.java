package dev.easel.bridge.a1111;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.bridge.http.ApiException;
import dev.easel.image.ImageCodec;
import dev.easel.image.Jpeg;
import dev.easel.image.Png;
import dev.easel.infotext.InfotextParser;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A1111's png-info answer: {@code info} the raw infotext, {@code items} the other text chunks, and
 * {@code parameters} the infotext parsed as {@code parse_generation_parameters} does (prompt under
 * "Prompt", negative under "Negative prompt", then every key).
 */
final class PngInfo {
    private PngInfo() { }

    static void fill(ObjectNode o, byte[] file) {
        if (!Png.isPng(file) && !Jpeg.isJpeg(file)) throw ApiException.badField("image", "not a PNG or JPEG image");
        Map<String, String> items = new LinkedHashMap<>(Png.isPng(file) ? Png.readTexts(file) : Map.of());
        String info = ImageCodec.readParameters(file);
        items.remove("parameters");
        o.put("info", info == null ? "" : info);
        ObjectNode itemsNode = o.putObject("items");
        items.forEach(itemsNode::put);
        ObjectNode params = o.putObject("parameters");
        if (info != null && !info.isBlank()) {
            InfotextParser.Parsed p = InfotextParser.parse(info);
            params.put("Prompt", p.prompt());
            params.put("Negative prompt", p.negativePrompt());
            p.params().forEach(params::put);
        }
    }
}
