package dev.easel.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

import dev.easel.imagej.command.EaselCommands;

/**
 * Runs in {@code verify}, on the packaged {@code Easel_Plugin-<version>.jar}: what Fiji reads from
 * {@code plugins/} is all there.
 */
class PluginJarCheck {

    private static Path jar() {
        String path = System.getProperty("easel.pluginJar");
        // Only the plugin-jar-check execution (verify phase) has a jar to look at; a -Dtest run in the test
        // phase picks this class up too.
        assumeTrue(path != null, "runs in the verify phase, on the packaged jar");
        return Path.of(path);
    }

    @Test
    void theJarNameHasTheUnderscoreImageJ1LooksFor() {
        assertTrue(jar().getFileName().toString().matches("Easel_Plugin-.+\\.jar"), jar().toString());
    }

    @Test
    void theJarCarriesThePluginIndexWithEveryCommandAndPluginsConfig() throws Exception {
        try (JarFile jf = new JarFile(jar().toFile())) {
            JarEntry index = jf.getJarEntry("META-INF/json/org.scijava.plugin.Plugin");
            assertNotNull(index, "SciJava plugin index");
            Map<String, String> menus;
            try (InputStream in = jf.getInputStream(index)) {
                menus = PluginIndexTest.readIndex(in.readAllBytes());
            }
            for (Class<?> type : EaselCommands.byKey().values()) {
                assertTrue(menus.containsKey(type.getName()), type.getName());
            }
            assertNotNull(jf.getJarEntry("plugins.config"));
        }
    }

    @Test
    void jacksonIsInsideRelocatedAndNothingIsNewerThanJava8() throws Exception {
        try (JarFile jf = new JarFile(jar().toFile())) {
            assertNotNull(jf.getJarEntry("dev/easel/imagej/shaded/jackson/databind/ObjectMapper.class"));
            assertNull(jf.getJarEntry("com/fasterxml/jackson/databind/ObjectMapper.class"));
            assertNull(jf.getJarEntry("ij/ImagePlus.class"), "ImageJ comes from Fiji");
            assertNull(jf.getJarEntry("org/scijava/Context.class"), "SciJava comes from Fiji");
        }
        assertEquals(java.util.List.of(), Java8BytecodeTest.newerThanJava8(jar()));
    }
}
