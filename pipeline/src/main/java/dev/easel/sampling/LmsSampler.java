package dev.easel.sampling;

import dev.easel.onnx.Tensor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * k-diffusion {@code sample_lms} (A1111 "LMS"): linear multistep of order 4 on the derivatives, with
 * coefficients integrating the Lagrange basis over each step. scipy's {@code quad} is exact for these
 * cubic integrands; Gauss-Legendre with 4 nodes is too.
 */
final class LmsSampler extends KSampler {
    static final int ORDER = 4;
    private static final double[] GL_NODES = {-0.8611363115940526, -0.3399810435848563, 0.3399810435848563, 0.8611363115940526};
    private static final double[] GL_WEIGHTS = {0.3478548451374538, 0.6521451548625461, 0.6521451548625461, 0.3478548451374538};

    private final Deque<float[]> ds = new ArrayDeque<>();

    @Override
    protected void begin(long[] shape, double[] sigmas, SamplingContext ctx) {
        ds.clear();
    }

    @Override
    protected Tensor step(int i, double[] sigmas, float[] x, long[] shape, Denoiser model, SamplingContext ctx) {
        double s = sigmas[i];
        float[] den = denoise(model, x, shape, s);
        float fs = (float) s;
        float[] d = new float[x.length];
        for (int k = 0; k < x.length; k++) d[k] = (x[k] - den[k]) / fs;
        ds.addLast(d);
        if (ds.size() > ORDER) ds.removeFirst();
        int order = Math.min(i + 1, ORDER);
        // Newest derivative first, as k-diffusion pairs coefficient j with reversed(ds)[j].
        // The weighted sum is formed first and then added, as k-diffusion's sum(...) does.
        Iterator<float[]> newest = ds.descendingIterator();
        float[] sum = new float[x.length];
        for (int j = 0; j < order; j++) {
            float c = (float) coefficient(order, sigmas, i, j);
            float[] dj = newest.next();
            for (int k = 0; k < x.length; k++) sum[k] += c * dj[k];
        }
        for (int k = 0; k < x.length; k++) x[k] = x[k] + sum[k];
        return new Tensor(shape, den);
    }

    /** {@code linear_multistep_coeff}: the integral over [t_i, t_{i+1}] of the j-th Lagrange basis polynomial. */
    static double coefficient(int order, double[] t, int i, int j) {
        if (order - 1 > i) throw new IllegalArgumentException("order " + order + " too high for step " + i);
        double a = t[i], b = t[i + 1];
        double half = (b - a) / 2, mid = (a + b) / 2;
        double sum = 0;
        for (int q = 0; q < GL_NODES.length; q++) {
            double tau = mid + half * GL_NODES[q];
            double prod = 1;
            for (int k = 0; k < order; k++) {
                if (k == j) continue;
                prod *= (tau - t[i - k]) / (t[i - j] - t[i - k]);
            }
            sum += GL_WEIGHTS[q] * prod;
        }
        return sum * half;
    }
}
