package dev.easel.bridge.cli;

import dev.easel.bridge.BridgeConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArgumentsTest {

    @Test
    void defaultsMatchA1111AndStayOnLoopback() {
        Arguments a = Arguments.parse();
        assertEquals(Arguments.SERVE, a.command());
        assertEquals(BridgeConfig.defaults(), a.config());
        assertEquals("127.0.0.1", a.config().host());
        assertEquals(7860, a.config().port());
        assertEquals(Path.of("models"), a.config().modelsDir());
    }

    @Test
    void everyOptionIsRead() {
        Arguments a = Arguments.parse("--listen", "--port", "9000", "--models=/srv/models", "--device", "cuda:1",
                "--api-auth", "ann:secret,bob:pw", "--cors-allow-origins", "http://a.example, http://b.example",
                "--max-body-mb", "10", "--max-pixels", "1000000", "--threads", "3");
        BridgeConfig c = a.config();
        assertEquals("0.0.0.0", c.host());
        assertEquals(9000, c.port());
        assertEquals(Path.of("/srv/models"), c.modelsDir());
        assertEquals("cuda:1", c.device());
        assertEquals(List.of("ann:secret", "bob:pw"), c.apiAuth());
        assertEquals(List.of("http://a.example", "http://b.example"), c.corsOrigins());
        assertEquals(10L * 1024 * 1024, c.maxBodyBytes());
        assertEquals(1_000_000, c.maxPixels());
        assertEquals(3, c.threads());
        assertEquals("10.0.0.5", Arguments.parse("--listen", "--host", "10.0.0.5").config().host());
    }

    @Test
    void subcommandsTakeTheirArguments() {
        Arguments make = Arguments.parse("make-test-models", "out", "--tokenizer", "tok");
        assertEquals("make-test-models", make.command());
        assertEquals(List.of("out"), make.positional());
        assertEquals(Path.of("tok"), make.tokenizer());
        assertFalse(make.fullSize());
        Arguments full = Arguments.parse("make-test-models", "--full-size", "big");
        assertTrue(full.fullSize());
        assertEquals(List.of("big"), full.positional());
        Arguments dl = Arguments.parse("download", "yunet", "gfpgan-v1.4", "--models", "m");
        assertEquals(List.of("yunet", "gfpgan-v1.4"), dl.positional());
        assertEquals(Path.of("m"), dl.config().modelsDir());
        assertNull(dl.tokenizer());
        assertEquals("help", Arguments.parse("--help").command());
    }

    @Test
    void mistakesAreNamed() {
        assertMessage("unknown option --prot", "--prot", "1");
        assertMessage("--port must be between 0 and 65535", "--port", "70000");
        assertMessage("--port takes a whole number", "--port", "x");
        assertMessage("--models needs a value", "--models");
        assertMessage("unknown device 'gpu'", "--device", "gpu");
        assertMessage("--api-auth takes user:password", "--api-auth", "nopassword");
        assertMessage("unknown command 'serve-now'", "serve-now");
        assertMessage("make-test-models takes one folder", "make-test-models");
        assertMessage("download takes one or more catalog names", "download");
    }

    private static void assertMessage(String expected, String... args) {
        var e = assertThrows(IllegalArgumentException.class, () -> Arguments.parse(args));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
