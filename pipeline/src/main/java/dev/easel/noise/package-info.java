/**
 * Seeds and noise exactly as A1111 makes them. {@link dev.easel.noise.NoiseSource} picks torch's CPU
 * generator ({@code CPU}) or the Philox imitation of CUDA's ({@code NV}; A1111's default {@code GPU}
 * means the same); {@link dev.easel.noise.Seeds} turns a request's seed into per-image seeds; and
 * {@link dev.easel.noise.ImageRng} gives one batch's initial noise ({@code next()} the first time, with
 * variation seeds and seed resize) and every later ancestral draw, per image, so a batch of four equals
 * four single runs.
 *
 * <pre>{@code
 * long[] all = Seeds.imageSeeds(Seeds.resolve(seed), subseedStrength, batchSize * nIter);
 * long[] subs = Seeds.imageSubseeds(Seeds.resolve(subseed), batchSize * nIter);
 * ImageRng rng = new ImageRng(4, height / 8, width / 8, Seeds.forIteration(all, n, batchSize),
 *         Seeds.forIteration(subs, n, batchSize),
 *         NoiseSettings.of(NoiseSource.parse(randnSource)).withVariation(subseedStrength)
 *                 .withSeedResize(resizeFromH, resizeFromW).withEtaNoiseSeedDelta(ensd));
 * Tensor noise = rng.next();   // [B, 4, h, w]
 * }</pre>
 */
package dev.easel.noise;
