package dev.easel.imagej.command;

import java.util.Iterator;
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
        if (models.isObject() && models.size() > 0) {
            s.append("models:\n");
            Iterator<Map.Entry<String, JsonNode>> it = models.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                s.append("  ").append(e.getKey()).append(": ").append(list(e.getValue())).append('\n');
            }
        }
        JsonNode missing = health.path("missing");
        if (missing.isArray() && missing.size() > 0) {
            s.append("missing: ").append(list(missing)).append('\n');
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
