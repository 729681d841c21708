package dev.easel.imagej.command;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import com.fasterxml.jackson.databind.JsonNode;

import dev.easel.imagej.bridge.BridgeException;

/** What the bridge reports about itself ({@code /easel/v1/health}): version, device, model, queue, models. */
@Plugin(type = Command.class, menuPath = "Plugins>Easel>Show Bridge Status",
        description = "Show whether the Easel bridge runs, on which device, and which models it has")
public class BridgeStatusCommand extends EaselCommand {

    @Parameter(label = "Easel bridge", type = ItemIO.OUTPUT)
    private String status;

    @Override
    protected void execute() throws BridgeException {
        status = describe(client().settings().url(), client().health());
    }

    /** A plain-text report of a health answer, one fact a line. */
    static String describe(String url, JsonNode health) {
        StringBuilder s = new StringBuilder();
        s.append("Easel bridge at ").append(url).append('\n');
        s.append("status: ").append(health.path("status").asText("?")).append('\n');
        s.append("version: ").append(health.path("version").asText("?")).append('\n');
        s.append("device: ").append(health.path("device").asText("?")).append('\n');
        JsonNode model = health.path("model");
        s.append("model: ").append(model.isNull() || model.isMissingNode() ? "none loaded" : model.asText())
                .append('\n');
        s.append("queue length: ").append(health.path("queue_length").asInt(0)).append('\n');
        JsonNode models = health.path("models");
        JsonNode store = models.path("store");
        if (store.isArray()) {
            s.append("installed models:").append(store.size() == 0 ? " none\n" : "\n");
            Map<String, StringBuilder> byKind = new LinkedHashMap<>();
            for (JsonNode m : store) {
                StringBuilder names = byKind.computeIfAbsent(m.path("kind").asText("?"), k -> new StringBuilder());
                names.append(names.length() == 0 ? "" : ", ").append(m.path("name").asText("?"));
                if (!m.path("ready").asBoolean(true)) {
                    names.append(" (not ready: ").append(m.path("problem").asText("unknown problem")).append(')');
                }
            }
            for (Map.Entry<String, StringBuilder> e : byKind.entrySet()) {
                s.append("  ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
            }
            if (models.path("catalog").isArray()) {
                s.append("downloadable models in the catalog: ").append(models.path("catalog").size()).append('\n');
            }
        } else if (models.isObject() && models.size() > 0) {
            s.append("models:\n");
            Iterator<Map.Entry<String, JsonNode>> it = models.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                s.append("  ").append(e.getKey()).append(": ").append(list(e.getValue())).append('\n');
            }
        }
        JsonNode missing = health.path("missing");
        for (JsonNode m : missing) {
            if (m.isObject()) {
                s.append("missing ").append(m.path("kind").asText("?")).append(": ").append(m.path("detail").asText(""));
                if (!m.path("download").asText("").isEmpty()) {
                    s.append(" (download: ").append(m.path("download").asText()).append(')');
                }
            } else {
                s.append("missing: ").append(m.asText());
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static String list(JsonNode node) {
        if (node.isArray()) {
            StringBuilder s = new StringBuilder();
            for (JsonNode item : node) {
                if (s.length() > 0) {
                    s.append(", ");
                }
                s.append(item.isObject() ? item.path("name").asText(item.toString()) : item.asText());
            }
            return s.length() == 0 ? "(none)" : s.toString();
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }
}
