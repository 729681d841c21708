package dev.easel.sampling;

import dev.easel.onnx.Tensor;

/**
 * One UNet call, as {@code DiffusionModel.unet}: {@code sample [b, C, h, w]} (C = 4, or 9 with inpainting
 * conditioning), one (possibly fractional) timestep per row, {@code encoderHiddenStates [b, 77k, hidden]};
 * returns the model output {@code [b, 4, h, w]} (eps, or v for v-prediction models).
 */
@FunctionalInterface
public interface UnetFunction {
    Tensor apply(Tensor sample, float[] timesteps, Tensor encoderHiddenStates);
}
