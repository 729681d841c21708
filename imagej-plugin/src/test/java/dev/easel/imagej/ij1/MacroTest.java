package dev.easel.imagej.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.easel.imagej.bridge.BridgeUnavailableException;
import ij.IJ;
import ij.ImagePlus;
import ij.Menus;
import ij.macro.Interpreter;

/**
 * The ImageJ 1 entries from a real ImageJ 1 macro in batch mode. Headless ImageJ 1 cannot build its menu
 * bar (AWT menus need a screen; Fiji patches this), so the test fills ImageJ's command table from our
 * {@code plugins.config}, exactly the label-to-class lines ImageJ would install from the jar.
 */
public class MacroTest {

    private static final Pattern CONFIG_LINE = Pattern.compile("^[^#\"]*,\\s*\"([^\"]+)\",\\s*(.+)$");

    /** Installs every plugins.config entry into ImageJ's command table; returns label -> class. */
    @SuppressWarnings("unchecked")
    public static synchronized Map<String, String> installPluginsConfig() throws Exception {
        if (Menus.getCommands() == null) {
            Field table = Menus.class.getDeclaredField("pluginsTable");
            table.setAccessible(true);
            table.set(null, new Hashtable<String, String>());
        }
        Hashtable<String, String> commands = Menus.getCommands();
        try (InputStream in = MacroTest.class.getResourceAsStream("/plugins.config")) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                Matcher m = CONFIG_LINE.matcher(line.trim());
                if (m.matches()) {
                    commands.put(m.group(1), m.group(2).trim());
                }
            }
        }
        return commands;
    }

    @BeforeAll
    static void install() throws Exception {
        installPluginsConfig();
    }

    private static String runMacro(String macro) {
        Interpreter interp = new Interpreter();
        interp.setIgnoreErrors(true);
        interp.run(macro);
        return interp.getErrorMessage();
    }

    @Test
    void everyConfigEntryNamesAnEaselCommand() throws Exception {
        Map<String, String> commands = installPluginsConfig();
        for (String key : dev.easel.imagej.command.EaselCommands.byKey().keySet()) {
            assertTrue(commands.containsValue("dev.easel.imagej.ij1.EaselMacroPlugIn(\"" + key + "\")"), key);
        }
        assertEquals("dev.easel.imagej.ij1.EaselMacroPlugIn(\"inpaint\")", commands.get("Inpaint Selection"));
    }

    @Test
    void inpaintRunsFromABatchModeMacro(@TempDir Path dir) throws Exception {
        try (MacroBridge bridge = MacroBridge.start()) {
            Path out = dir.resolve("inpainted.tif");
            String error = runMacro(String.join("\n",
                    "setBatchMode(true);",
                    "run(\"Easel Settings\", \"url=[" + bridge.url() + "] connect_timeout=5 request_timeout=60 "
                            + "job_timeout=120\");",
                    "newImage(\"scan\", \"16-bit ramp\", 96, 64, 1);",
                    "makeRectangle(20, 10, 30, 20);",
                    "run(\"Inpaint Selection\", \"prompt=[a red apple] negative_prompt=[blurry] strength=0.6 "
                            + "steps=2 seed=7 mask_blur=2 resolution=64\");",
                    "saveAs(\"Tiff\", \"" + out.toString().replace("\\", "/") + "\");"));
            assertNull(error);
            ImagePlus result = IJ.openImage(out.toString());
            assertNotNull(result);
            assertEquals(96, result.getWidth());
            assertEquals(64, result.getHeight());
            assertEquals(16, result.getBitDepth());
            ImagePlus original = IJ.createImage("scan", "16-bit ramp", 96, 64, 1);
            assertEquals(original.getProcessor().get(2, 2), result.getProcessor().get(2, 2));
            assertEquals(original.getProcessor().get(90, 60), result.getProcessor().get(90, 60));
            int changed = 0;
            for (int y = 10; y < 30; y++) {
                for (int x = 20; x < 50; x++) {
                    changed += original.getProcessor().get(x, y) != result.getProcessor().get(x, y) ? 1 : 0;
                }
            }
            assertTrue(changed > 100, changed + " pixels repainted");
            String info = String.valueOf(result.getProperty("Info"));
            assertTrue(info.startsWith("a red apple\nNegative prompt: blurry\n"), info);
            assertTrue(info.contains("Seed: 7,") && info.contains("Denoising strength: 0.6"), info);
        }
    }

    @Test
    void bridgeStatusNeedsNoOptionsAndLogsTheReport() {
        try (MacroBridge bridge = MacroBridge.start()) {
            // Without an ImageJ window, IJ.log writes to standard output.
            java.io.PrintStream stdout = System.out;
            java.io.ByteArrayOutputStream logged = new java.io.ByteArrayOutputStream();
            String error;
            try {
                System.setOut(new java.io.PrintStream(logged, true, StandardCharsets.UTF_8));
                error = runMacro(String.join("\n",
                        "run(\"Easel Settings\", \"url=[" + bridge.url() + "]\");",
                        "run(\"Bridge Status\");"));
            } finally {
                System.setOut(stdout);
            }
            assertNull(error);
            String log = logged.toString(StandardCharsets.UTF_8);
            assertTrue(log.contains("Easel bridge at " + bridge.url() + "\nstatus: ok\n"), log);
        }
    }

    @Test
    void aStoppedBridgeAbortsTheMacroWithTheClearMessage() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        String error = runMacro(String.join("\n",
                "setBatchMode(true);",
                "run(\"Easel Settings\", \"url=[" + url + "] connect_timeout=2 request_timeout=5 job_timeout=5\");",
                "newImage(\"scan\", \"8-bit ramp\", 32, 32, 1);",
                "makeOval(4, 4, 10, 10);",
                "run(\"Inpaint Selection\", \"prompt=[x]\");",
                "exit(\"not reached\");"));
        assertEquals(BridgeUnavailableException.messageFor(url), error);
    }

    @Test
    void aBadOptionNamesTheKey() {
        String error = runMacro(String.join("\n",
                "setBatchMode(true);",
                "newImage(\"scan\", \"8-bit ramp\", 32, 32, 1);",
                "makeRectangle(1, 1, 5, 5);",
                "run(\"Inpaint Selection\", \"prompt=[x] strength=lots\");"));
        assertEquals("strength=lots is not a number.", error);
        assertNotEquals(null, error);
    }
}
