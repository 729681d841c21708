package dev.easel.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ij.ImagePlus;
import org.scijava.Context;

/** Everything the plugin brings into Fiji runs on Java 8: our classes and the libraries we rely on. */
class Java8BytecodeTest {

    /** Class-file major version of Java 8. */
    static final int JAVA_8 = 52;

    static int major(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        assertEquals(0xCAFEBABE, in.readInt());
        in.readUnsignedShort();
        return in.readUnsignedShort();
    }

    /** Paths of classes in {@code jar} (outside META-INF/versions) newer than Java 8. */
    static List<String> newerThanJava8(Path jar) throws IOException {
        List<String> bad = new ArrayList<>();
        try (JarFile jf = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = jf.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                if (e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/versions/")
                        && !e.getName().endsWith("module-info.class")) {
                    try (InputStream in = jf.getInputStream(e)) {
                        if (major(in) > JAVA_8) {
                            bad.add(e.getName());
                        }
                    }
                }
            }
        }
        return bad;
    }

    static Path jarOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void ourClassesAreJava8() throws IOException {
        List<Path> classes;
        try (Stream<Path> s = Files.walk(Path.of("target", "classes"))) {
            classes = s.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertTrue(classes.size() > 10);
        for (Path p : classes) {
            try (InputStream in = Files.newInputStream(p)) {
                assertEquals(JAVA_8, major(in), p.toString());
            }
        }
    }

    @Test
    void scijavaCommonIjAndJacksonRunOnJava8() throws Exception {
        for (Class<?> type : List.of(Context.class, ImagePlus.class, ObjectMapper.class,
                com.fasterxml.jackson.core.JsonFactory.class, com.fasterxml.jackson.annotation.JsonProperty.class)) {
            Path jar = jarOf(type);
            assertEquals(List.of(), newerThanJava8(jar), jar.toString());
        }
    }
}
