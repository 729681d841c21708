package dev.easel.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.MappingIterator;

import dev.easel.imagej.command.EaselCommands;

/** The compiled plugin index lists every command, and SciJava discovers them from it with their menus. */
class PluginIndexTest {

    static final Path INDEX = Paths.get("target", "classes", "META-INF", "json", "org.scijava.plugin.Plugin");

    /** The index file: class name -> menuPath, as the annotation processor wrote it (JSON objects, concatenated). */
    static Map<String, String> readIndex(byte[] bytes) throws Exception {
        ObjectReader reader = new ObjectMapper().readerFor(JsonNode.class);
        Map<String, String> menus = new HashMap<>();
        try (MappingIterator<JsonNode> it = reader.readValues(bytes)) {
            while (it.hasNext()) {
                JsonNode entry = it.next();
                menus.put(entry.path("class").asText(), entry.path("values").path("menuPath").asText());
            }
        }
        return menus;
    }

    @Test
    void theAnnotationProcessorIndexedEveryCommandUnderPluginsEasel() throws Exception {
        Map<String, String> menus = readIndex(Files.readAllBytes(INDEX));
        assertEquals(EaselCommands.byKey().size(), menus.size(), menus.toString());
        for (Class<? extends Command> type : EaselCommands.byKey().values()) {
            String menu = menus.get(type.getName());
            assertTrue(menu != null && menu.startsWith("Plugins>Easel>"), type + " -> " + menu);
        }
        assertEquals("Plugins>Easel>Inpaint Selection...", menus.get(
                "dev.easel.imagej.command.InpaintSelectionCommand"));
    }

    @Test
    void sciJavaFindsEveryCommandThroughTheIndex() {
        try (Context context = new Context(CommandService.class)) {
            CommandService commands = context.service(CommandService.class);
            for (Class<? extends Command> type : EaselCommands.byKey().values()) {
                CommandInfo info = commands.getCommand(type);
                assertTrue(info != null && info.getMenuPath().getMenuString().startsWith("Plugins > Easel > "),
                        type + " -> " + (info == null ? null : info.getMenuPath().getMenuString()));
            }
        }
    }
}
