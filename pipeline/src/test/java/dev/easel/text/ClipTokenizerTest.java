package dev.easel.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ClipTokenizerTest {

    private final ClipTokenizer tok = TestVocabulary.tokenizer();

    @TestFactory
    List<DynamicTest> referenceVectors() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("test-vectors.json")) {
            for (JsonNode v : new ObjectMapper().readTree(in)) {
                String text = v.get("text").asText();
                int[] expected = IntStream.range(0, v.get("ids").size()).map(i -> v.get("ids").get(i).asInt()).toArray();
                tests.add(DynamicTest.dynamicTest("'" + text + "'", () -> assertArrayEquals(expected, tok.encode(text))));
            }
        }
        assertEquals(11, tests.size());
        return tests;
    }

    @Test
    void specialIdsAndComma() {
        assertEquals(49406, tok.startId());
        assertEquals(49407, tok.endId());
        assertEquals(267, tok.tokenId(",</w>"));
        assertEquals(49408, tok.vocabularySize());
    }

    private int id(String token) {
        int id = tok.tokenId(token);
        if (id < 0) throw new AssertionError("not in vocabulary: " + token);
        return id;
    }
}
