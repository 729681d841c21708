package dev.easel.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafetensorsFileTest {

    @TempDir
    Path dir;

    @Test
    void readsTheTinyCheckpoint() throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(Fixtures.tinyFp32())) {
            assertEquals(501, f.tensors().size());
            assertEquals("pt", f.metadata().get("format"));
            TensorInfo tok = f.info("cond_stage_model.transformer.text_model.embeddings.token_embedding.weight");
            assertEquals(DType.F32, tok.dtype());
            assertArrayEquals(new long[] {49408, 48}, tok.shape());
            assertEquals(49408 * 48, f.floats(tok.name()).length);
            long[] pos = f.longs("cond_stage_model.transformer.text_model.embeddings.position_ids");
            for (int i = 0; i < 77; i++) assertEquals(i, pos[i]);
            float[] ac = f.floats("alphas_cumprod");
            assertEquals(0.99915f, ac[0], 1e-6f); // ldm's alphas_cumprod[0] (A1111-SEMANTICS 4.1)
        }
    }

    @Test
    void fp16FileHoldsTheFp32WeightsRoundedToHalf() throws IOException {
        try (SafetensorsFile a = SafetensorsFile.open(Fixtures.tinyFp32());
             SafetensorsFile b = SafetensorsFile.open(Fixtures.tinyFp16())) {
            String name = "model.diffusion_model.input_blocks.1.1.proj_in.weight";
            assertEquals(DType.F16, b.info(name).dtype());
            float[] full = a.floats(name), half = b.floats(name);
            for (int i = 0; i < full.length; i++) {
                assertEquals(Halfs.halfToFloat(Halfs.floatToHalf(full[i])), half[i], 0f, "element " + i);
            }
        }
    }

    @Test
    void writerRoundTripsEveryDtype() throws IOException {
        Path p = dir.resolve("t.safetensors");
        float[] v = {1f, -2.5f, 0.1f, 3e-5f, 1000f, -0f};
        ByteBuffer ints = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(7).putLong(-3).flip();
        SafetensorsWriter.write(p, List.of(
                SafetensorsWriter.floats("a", DType.F32, new long[] {2, 3}, v),
                SafetensorsWriter.floats("b", DType.F16, new long[] {6}, v),
                SafetensorsWriter.floats("c", DType.BF16, new long[] {3, 2}, v),
                new SafetensorsWriter.Entry("d", DType.I64, new long[] {2}, () -> ints)), Map.of("k", "v"), null);
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            assertEquals("v", f.metadata().get("k"));
            assertArrayEquals(v, f.floats("a"));
            float[] h = f.floats("b"), bf = f.floats("c");
            for (int i = 0; i < v.length; i++) {
                assertEquals(v[i], h[i], Math.abs(v[i]) * 1e-3f + 1e-7f);
                assertEquals(v[i], bf[i], Math.abs(v[i]) * 1e-2f);
            }
            assertArrayEquals(new long[] {7, -3}, f.longs("d"));
            assertEquals(0, (f.dataStart()) % 8, "header padded to 8 bytes");
        }
        assertThrows(FileAlreadyExistsException.class, () -> SafetensorsWriter.write(p, List.of(), Map.of(), null));
    }

    @Test
    void malformedFilesGiveClearErrors() throws IOException {
        assertMalformed(new byte[] {1, 2, 3}, "only 3 bytes");
        assertMalformed(withLength(1L << 40, "{}"), "header length");
        assertMalformed(withLength(500, "{}"), "header length");
        assertMalformed(file("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]", 8), "not valid JSON");
        assertMalformed(file("[1, 2]", 0), "not a JSON object");
        assertMalformed(file("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}}", 4), "outside the data area");
        assertMalformed(file("{\"a\": {\"dtype\": \"F32\", \"shape\": [3], \"data_offsets\": [0, 8]}}", 8), "needs 12 bytes");
        assertMalformed(file("{\"a\": {\"dtype\": \"Q7\", \"shape\": [2], \"data_offsets\": [0, 8]}}", 8), "unsupported dtype 'Q7'");
        assertMalformed(file("{\"a\": {\"dtype\": \"F32\", \"shape\": [-2], \"data_offsets\": [0, 8]}}", 8), "invalid dimension");
        assertMalformed(file("{\"a\": {\"dtype\": \"F32\", \"shape\": [4611686018427387904, 4], \"data_offsets\": [0, 8]}}", 8), "too large");
        assertMalformed(file("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]},"
                + " \"b\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [4, 12]}}", 12), "overlap");
        assertMalformed(file("{\"a\": {\"dtype\": \"F32\", \"shape\": [2]}}", 8), "data_offsets must be");
    }

    @Test
    void truncatedCheckpointIsRefusedAtOpen() throws IOException {
        byte[] all = Files.readAllBytes(Fixtures.tinyFp32());
        Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        var e = assertThrows(IllegalArgumentException.class, () -> SafetensorsFile.open(cut));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void picklesAreRefusedWithTheReason() throws IOException {
        Path ckpt = dir.resolve("model.ckpt");
        Files.write(ckpt, new byte[] {(byte) 0x80, 2, '}', 'q'});
        var e = assertThrows(IllegalArgumentException.class, () -> SafetensorsFile.open(ckpt));
        assertTrue(e.getMessage().contains("runs any code"), e.getMessage());
        assertTrue(e.getMessage().contains(".safetensors"), e.getMessage());
        Path disguised = dir.resolve("renamed.safetensors");
        Files.write(disguised, new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0});
        e = assertThrows(IllegalArgumentException.class, () -> SafetensorsFile.open(disguised));
        assertTrue(e.getMessage().contains("pickled PyTorch file"), e.getMessage());
        // A real safetensors file whose header length happens to begin with the pickle marker is fine.
        Path ok = dir.resolve("ok.safetensors");
        String json = "{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]}}";
        StringBuilder sb = new StringBuilder(json);
        while (sb.length() < 0x0280) sb.append(' ');
        Files.write(ok, withLength(0x0280, sb + "x"));
        try (SafetensorsFile f = SafetensorsFile.open(ok)) {
            assertEquals('x', f.longs("a")[0]);
        }
    }

    private void assertMalformed(byte[] bytes, String expected) throws IOException {
        Path p = Files.createTempFile(dir, "bad", ".safetensors");
        Files.write(p, bytes);
        var e = assertThrows(IllegalArgumentException.class, () -> SafetensorsFile.open(p));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(p.getFileName().toString()), e.getMessage());
    }

    private static byte[] file(String json, int dataBytes) {
        byte[] j = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + j.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(j.length).put(j).array();
    }

    private static byte[] withLength(long len, String rest) {
        byte[] j = rest.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + j.length).order(ByteOrder.LITTLE_ENDIAN).putLong(len).put(j).array();
    }
}
