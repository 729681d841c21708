package dev.easel.imagej.bridge;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code GET /easel/v1/jobs/{id}/result}: PNG images with their A1111 infotexts and seeds. */
public final class JobResult {

    private final List<byte[]> pngs;
    private final List<String> infotexts;
    private final List<Long> seeds;

    public JobResult(List<byte[]> pngs, List<String> infotexts, List<Long> seeds) {
        this.pngs = Collections.unmodifiableList(new ArrayList<>(pngs));
        this.infotexts = Collections.unmodifiableList(new ArrayList<>(infotexts));
        this.seeds = Collections.unmodifiableList(new ArrayList<>(seeds));
    }

    static JobResult from(JsonNode node) throws BridgeException {
        List<byte[]> pngs = new ArrayList<>();
        for (JsonNode image : node.path("images")) {
            String b64 = image.asText("");
            int comma = b64.startsWith("data:") ? b64.indexOf(',') : -1;
            try {
                pngs.add(Base64.getMimeDecoder().decode(b64.substring(comma + 1)));
            } catch (IllegalArgumentException e) {
                throw new BridgeException("The bridge sent an image that is not valid base64: " + e.getMessage());
            }
        }
        if (pngs.isEmpty()) {
            throw new BridgeException("The bridge finished the job but sent no image back.");
        }
        List<String> infotexts = new ArrayList<>();
        for (JsonNode text : node.path("infotexts")) {
            infotexts.add(text.asText(""));
        }
        List<Long> seeds = new ArrayList<>();
        for (JsonNode seed : node.path("seeds")) {
            seeds.add(seed.asLong());
        }
        return new JobResult(pngs, infotexts, seeds);
    }

    public List<byte[]> pngs() { return pngs; }
    public int size() { return pngs.size(); }

    /** The infotext of image {@code i}, or "" when the bridge sent fewer. */
    public String infotext(int i) {
        return i < infotexts.size() ? infotexts.get(i) : "";
    }

    /** The seed of image {@code i}, or null when the bridge sent fewer. */
    public Long seed(int i) {
        return i < seeds.size() ? seeds.get(i) : null;
    }
}
