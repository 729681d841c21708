package dev.easel.noise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every case of the reference noise vectors (torch CPU randn and the NV Philox source). */
class NoiseVectorsTest {
    /** The reference README: 1e-6 absolute for cpu, about 3 float32 ulps (~2e-7 near 1) for nv. */
    private static final double VALUE_TOLERANCE = 1e-6;
    /** Sums over 16384 float32 values: relative agreement expected from per-value rounding only. */
    private static final double SUM_RELATIVE_TOLERANCE = 1e-6;

    @TestFactory
    List<DynamicTest> everyVector() throws IOException {
        JsonNode cases;
        try (InputStream in = NoiseVectorsTest.class.getResourceAsStream("/noise/test-vectors.json")) {
            cases = new ObjectMapper().readTree(in);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            String source = c.get("source").asText();
            long seed = Long.parseUnsignedLong(c.get("seed").asText());
            int n = 1;
            for (JsonNode d : c.get("shape")) n *= d.asInt();
            int count = n;
            tests.add(DynamicTest.dynamicTest(source + " seed " + seed + " shape " + c.get("shape"), () -> {
                NoiseSource src = NoiseSource.parse(source);
                float[] got = src.generator(seed).randn(count);
                JsonNode values = c.get("values");
                if (values != null && !values.isNull()) {
                    assertEquals(count, values.size());
                    for (int i = 0; i < count; i++) assertEquals(values.get(i).asDouble(), got[i], VALUE_TOLERANCE, "value " + i);
                }
                JsonNode first = c.get("first");
                for (int i = 0; i < first.size(); i++) assertEquals(first.get(i).asDouble(), got[i], VALUE_TOLERANCE, "first " + i);
                JsonNode last = c.get("last");
                int lastStart = count - last.size();
                for (int i = 0; i < last.size(); i++) {
                    assertEquals(last.get(i).asDouble(), got[lastStart + i], VALUE_TOLERANCE, "last " + i);
                }
                double sum = 0, sumAbs = 0;
                for (float v : got) {
                    sum += v;
                    sumAbs += Math.abs(v);
                }
                double sumAbsRef = c.get("sum_abs").asDouble();
                assertEquals(c.get("sum").asDouble(), sum, sumAbsRef * SUM_RELATIVE_TOLERANCE, "sum");
                assertEquals(sumAbsRef, sumAbs, sumAbsRef * SUM_RELATIVE_TOLERANCE, "sum_abs");
            }));
        }
        assertTrue(tests.size() >= 8, "expected the 8 reference cases, found " + tests.size());
        return tests;
    }
}
