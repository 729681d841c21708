package dev.easel.text;

/**
 * A1111's {@code sd_emphasis} on one encoder call: rows of hidden states {@code [77 * hidden]}, one
 * multiplier per token. {@link Emphasis#ORIGINAL} takes the mean of every value in the call, multiplies
 * each token's vector by its multiplier, then scales everything so the mean is what it was; the call's
 * rows include every text of the batch, so the rescaling depends on all of them (A1111 quirk).
 */
final class EmphasisApplier {

    private EmphasisApplier() {}

    /**
     * @param rows         hidden states per distinct row, each {@code tokens * hidden} long (not modified)
     * @param multipliers  per row, one per token
     * @param multiplicity how many times each row stands in A1111's batch (duplicate schedule texts count)
     * @return new arrays with emphasis applied, in the order of {@code rows}
     */
    static float[][] apply(Emphasis emphasis, float[][] rows, double[][] multipliers, int[] multiplicity, int hidden) {
        float[][] out = new float[rows.length][];
        if (emphasis == Emphasis.IGNORE || emphasis == Emphasis.NONE) {
            for (int r = 0; r < rows.length; r++) out[r] = rows[r].clone();
            return out;
        }
        double originalSum = 0;
        double weightedSum = 0;
        long count = 0;
        for (int r = 0; r < rows.length; r++) {
            float[] z = rows[r];
            float[] m = new float[z.length];
            double rowSum = 0;
            double rowWeighted = 0;
            for (int t = 0; t < multipliers[r].length; t++) {
                float mult = (float) multipliers[r][t]; // torch.asarray of Python floats is float32
                for (int h = t * hidden, end = h + hidden; h < end; h++) {
                    rowSum += z[h];
                    m[h] = z[h] * mult;
                    rowWeighted += m[h];
                }
            }
            out[r] = m;
            originalSum += rowSum * multiplicity[r];
            weightedSum += rowWeighted * multiplicity[r];
            count += (long) z.length * multiplicity[r];
        }
        if (emphasis == Emphasis.ORIGINAL) {
            float originalMean = (float) (originalSum / count);
            float newMean = (float) (weightedSum / count);
            float ratio = originalMean / newMean;
            for (float[] m : out) for (int i = 0; i < m.length; i++) m[i] *= ratio;
        }
        return out;
    }
}
