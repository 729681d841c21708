package dev.easel.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Microseconds per prompt for the whole text front end of one prompt, on one thread: AND split,
 * schedule, emphasis parse, CLIP tokenization and chunking (a fresh chunker per prompt, so its text
 * cache never answers; the tokenizer's word cache is warm, as in a running server). The prompts are
 * those of the tokenizer's reference vectors. Both wall time and the thread's CPU time are shown: on a
 * shared, busy machine the CPU time is the figure that means "on one core". Run with:
 * {@code mvn -q -pl pipeline -am test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.easel.text.TokenizeParseBenchmark}
 */
public final class TokenizeParseBenchmark {

    private static final int WARMUP_ROUNDS = 2_000;
    private static final int MEASURED_ROUNDS = 1_000;
    private static final int STEPS = 20;
    private static final int TRIALS = 5;

    private TokenizeParseBenchmark() {}

    public static void main(String[] args) throws Exception {
        ClipTokenizer tokenizer;
        try (InputStream v = TokenizeParseBenchmark.class.getResourceAsStream("vocab.json");
             InputStream m = TokenizeParseBenchmark.class.getResourceAsStream("merges.txt")) {
            tokenizer = ClipTokenizer.load(v, m, "test resources");
        }
        List<String> prompts = new ArrayList<>();
        try (InputStream in = TokenizeParseBenchmark.class.getResourceAsStream("test-vectors.json")) {
            for (JsonNode n : new ObjectMapper().readTree(in)) prompts.add(n.get("text").asText());
        }
        long sink = 0;
        for (int r = 0; r < WARMUP_ROUNDS; r++) sink += round(tokenizer, prompts);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long bestWall = Long.MAX_VALUE;
        long bestCpu = Long.MAX_VALUE;
        for (int trial = 0; trial < TRIALS; trial++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (int r = 0; r < MEASURED_ROUNDS; r++) sink += round(tokenizer, prompts);
            bestWall = Math.min(bestWall, System.nanoTime() - t0);
            bestCpu = Math.min(bestCpu, threads.getCurrentThreadCpuTime() - c0);
        }
        double per = 1000.0 * MEASURED_ROUNDS * prompts.size();
        System.out.printf("prompts: %d, %d rounds per trial, best of %d trials after %d warm-up rounds%n",
                prompts.size(), MEASURED_ROUNDS, TRIALS, WARMUP_ROUNDS);
        System.out.printf("tokenize+parse: %.2f us/prompt CPU time, %.2f us/prompt wall time [checksum %d]%n",
                bestCpu / per, bestWall / per, sink);
    }

    private static long round(ClipTokenizer tokenizer, List<String> prompts) {
        long tokens = 0;
        for (String prompt : prompts) {
            PromptChunker chunker = PromptChunker.forClip(tokenizer, Emphasis.ORIGINAL, PromptChunker.DEFAULT_COMMA_BACKTRACK, null);
            for (WeightedPrompt part : PromptParser.splitAnd(prompt)) {
                for (ScheduleEntry e : PromptParser.schedule(part.text(), STEPS)) {
                    tokens += chunker.chunk(e.text()).tokenCount();
                }
            }
        }
        return tokens;
    }
}
