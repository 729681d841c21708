/**
 * A1111's samplers and schedules over one model-call seam. {@link dev.easel.sampling.Samplers} resolves
 * a request's sampler and schedule type (legacy names such as "DPM++ 2M Karras" included);
 * {@link dev.easel.sampling.NoiseSchedule} holds the model's sigma table from its
 * {@code scheduler_config.json}; {@link dev.easel.sampling.SamplingPlan} works out the sigmas (or DDIM's
 * timesteps), the steps that run for txt2img or img2img, and the start latent;
 * {@link dev.easel.sampling.CfgDenoiser} wraps the UNet call with classifier-free guidance, AND weights,
 * prompt-schedule selection, 9-channel image conditioning and the inpainting latent blend; and
 * {@link dev.easel.sampling.SamplingContext} carries noise, progress, cancellation and step hooks.
 *
 * <pre>{@code
 * SamplerChoice choice = Samplers.resolve(samplerName, scheduler);
 * NoiseSchedule schedule = NoiseSchedule.fromSchedulerConfig(model.schedulerConfig());
 * SamplingPlan plan = SamplingPlan.txt2img(choice, steps, schedule, ScheduleOptions.DEFAULT);
 * CfgDenoiser cfg = new CfgDenoiser(model::unet, schedule, conditioning, cfgScale);
 * SamplingContext ctx = new SamplingContext().noise(rng).brownianSeeds(seeds, source)
 *         .cancelWhen(control::isInterrupted).listener(progress);
 * SamplingResult r = plan.run(cfg, plan.startLatent(rng.next(), null), ctx);
 * }</pre>
 */
package dev.easel.sampling;
