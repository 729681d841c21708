package dev.easel.sampling;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SD 1.x sigma table, sigma/timestep conversion and A1111's schedule types (A1111-SEMANTICS 4.1-4.3). */
class SchedulesTest {
    /** Reference lists print 7-8 significant digits of float32 values; allow a couple of float32 ulps. */
    private static final double RELATIVE = 3e-7;
    private static final double ABSOLUTE = 1e-7;

    private static final NoiseSchedule SD1 = NoiseSchedule.sd1();

    static void assertSigmas(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            double tol = Math.max(ABSOLUTE, Math.abs(expected[i]) * RELATIVE);
            assertEquals(expected[i], actual[i], tol, "sigma " + i);
        }
    }

    @Test
    void sd1Table() {
        assertEquals(0.99915, SD1.alphaCumprod(0), 1e-7);
        assertEquals(0.998296, SD1.alphaCumprod(1), 1e-7);
        assertEquals(0.27766964, SD1.alphaCumprod(499), 1e-8);
        assertEquals(0.0046600983, SD1.alphaCumprod(999), 1e-10);
        assertEquals(0.029167533, SD1.sigmaMin(), 1e-9);
        assertEquals(14.614642, SD1.sigmaMax(), 1e-6);
        assertEquals(0.04131448, SD1.sigma(1), 1e-8);
        assertEquals(1.6182789, SD1.sigma(500), 1e-7);
        assertEquals(14.526276, SD1.sigma(998), 1e-6);
        assertEquals(1000, SD1.size());
    }

    @Test
    void sigmaToTimestepByLogSigmaInterpolation() {
        assertEquals(999.0, SD1.sigmaToT(14.614642), 1e-4);
        assertEquals(991.8844, SD1.sigmaToT(14.0), 1e-4);
        assertEquals(795.1731, SD1.sigmaToT(5.0), 1e-4);
        assertEquals(353.8904, SD1.sigmaToT(1.0), 1e-4);
        assertEquals(169.3148, SD1.sigmaToT(0.5), 1e-4);
        assertEquals(0.0, SD1.sigmaToT(0.0291675), 1e-4);
        // Clamped outside the table.
        assertEquals(999.0, SD1.sigmaToT(100), 0);
        assertEquals(0.0, SD1.sigmaToT(0.001), 0);
        assertEquals(0.06826491, 1 / Math.sqrt(SD1.sigmaMax() * SD1.sigmaMax() + 1), 1e-8);
        assertEquals(SD1.sigma(500), SD1.tToSigma(500), 1e-6);
    }

    @Test
    void automaticUniform20() {
        assertSigmas(new double[] {14.614644, 10.746805, 8.081518, 6.2049346, 4.8556523, 3.865379, 3.1237614, 2.5571663,
                2.1156576, 1.7648226, 1.4805807, 1.2458134, 1.0481421, 0.8784282, 0.7297186, 0.5964336, 0.4735847,
                0.3555454, 0.2321642, 0.0291675, 0}, ScheduleType.UNIFORM.sigmas(20, SD1, ScheduleOptions.DEFAULT));
    }

    @Test
    void karras20AndItsTimesteps() {
        double[] s = ScheduleType.KARRAS.sigmas(20, SD1, ScheduleOptions.DEFAULT);
        assertSigmas(new double[] {14.614643, 11.7253685, 9.340207, 7.3836274, 5.789421, 4.4998436, 3.4647546, 2.640847,
                1.9909208, 1.483217, 1.0907906, 0.7909495, 0.5647246, 0.3963923, 0.2730398, 0.1841693, 0.1213425,
                0.0778608, 0.0484819, 0.0291675, 0}, s);
        double[] t = {999., 961.7328, 921.0421, 876.3138, 826.7906, 771.552, 709.5298, 639.6148, 560.9754, 473.7491,
                380.1319, 285.3177, 197.0808, 123.3954, 69.2571, 34.6975, 15.4816, 5.9918, 1.7829, 0.};
        for (int i = 0; i < t.length; i++) assertEquals(t[i], SD1.sigmaToT(s[i]), 2e-4, "t " + i);
    }

    @Test
    void karras10AndExponential10() {
        assertSigmas(new double[] {14.614643, 9.102935, 5.4783993, 3.1686094, 1.7494234, 0.9140766, 0.4469209, 0.2013998,
                0.0819111, 0.0291675, 0}, ScheduleType.KARRAS.sigmas(10, SD1, ScheduleOptions.DEFAULT));
        assertSigmas(new double[] {14.614642, 7.324881, 3.6712415, 1.8400319, 0.9222268, 0.4622215, 0.2316661, 0.1161114,
                0.0581952, 0.0291675, 0}, ScheduleType.EXPONENTIAL.sigmas(10, SD1, ScheduleOptions.DEFAULT));
    }

    /** DERIVED: a numpy float32 transcription of A1111 sd_schedulers.py (v1.10) and k-diffusion (linspace rounded once to float32, as in 4.3), n = 10. */
    @Test
    void otherScheduleTypes10() {
        ScheduleOptions o = ScheduleOptions.DEFAULT;
        assertSigmas(new double[] {14.614644050598145, 8.307171821594238, 5.092408180236816, 3.325068950653076, 2.2797305583953857,
                1.6155803203582764, 1.1628645658493042, 0.8318837285041809, 0.5711889266967773, 0.34370487928390503, 0},
                ScheduleType.SGM_UNIFORM.sigmas(10, SD1, o));
        assertSigmas(new double[] {14.614644050598145, 7.839883327484131, 4.6091742515563965, 2.918306827545166, 1.9501614570617676,
                1.3449277877807617, 0.932357907295227, 0.6249769330024719, 0.3686577379703522, 0.0291675366461277, 0},
                ScheduleType.NORMAL.sigmas(10, SD1, o));
        assertSigmas(new double[] {14.614644050598145, 7.324882984161377, 3.6712417602539062, 1.8400323390960693, 0.9222270250320435,
                0.46222159266471863, 0.23166616261005402, 0.11611142754554749, 0.05819522589445114, 0.0291675366461277, 0},
                ScheduleType.POLYEXPONENTIAL.sigmas(10, SD1, o));
        assertSigmas(new double[] {14.614642143249512, 8.302803993225098, 5.087762832641602, 3.3210830688476562, 2.276463031768799,
                1.6128861904144287, 1.1605783700942993, 0.8298595547676086, 0.5692849159240723, 0.341673880815506, 0},
                ScheduleType.SIMPLE.sigmas(10, SD1, o));
        assertSigmas(new double[] {8.390684127807617, 5.134430885314941, 3.3477635383605957, 2.292853832244873, 1.6236921548843384,
                1.1682159900665283, 0.835652768611908, 0.5740503072738647, 0.3461867570877075, 0.04131447896361351, 0},
                ScheduleType.DDIM.sigmas(10, SD1, o));
        // KL Optimal ends at sigma_min, not 0 (A1111 appends no zero).
        assertSigmas(new double[] {14.614632606506348, 4.565038204193115, 2.6328883171081543, 1.78644597530365, 1.2947678565979004,
                0.9615883827209473, 0.7116270661354065, 0.5094197392463684, 0.3356376886367798, 0.17834684252738953,
                0.029167532920837402}, ScheduleType.KL_OPTIMAL.sigmas(10, SD1, o));
        assertSigmas(new double[] {14.614999771118164, 6.113513469696045, 3.5651137828826904, 2.393873453140259, 1.6499555110931396,
                1.1357873678207397, 0.7425183057785034, 0.44500744342803955, 0.16920512914657593, 0.028999999165534973, 0},
                ScheduleType.ALIGN_YOUR_STEPS.sigmas(10, SD1, o));
        assertSigmas(new double[] {14.614999771118164, 6.474999904632568, 3.8610000610351562, 2.697000026702881, 1.8860000371932983,
                1.3960000276565552, 0.9629999995231628, 0.6520000100135803, 0.39899998903274536, 0.15199999511241913,
                0.028999999165534973, 0}, ScheduleType.ALIGN_YOUR_STEPS.sigmas(11, SD1, o));
        assertSigmas(new double[] {14.614642143249512, 13.927785873413086, 12.490981101989746, 10.59760856628418, 8.442437171936035,
                6.201372146606445, 4.046201229095459, 2.1528286933898926, 0.7160240411758423, 0.029167532920837402, 0},
                ScheduleType.BETA.sigmas(10, SD1, o));
    }

    @Test
    void betaQuantilesMatchScipy() {
        // scipy.stats.beta.ppf
        double[] p = {0.1, 0.25, 0.5, 0.9, 0.999};
        double[] q = {0.03958440558878085, 0.17568037865269498, 0.5000000000000001, 0.9604155944112192, 0.9999814412614826};
        for (int i = 0; i < p.length; i++) assertEquals(q[i], BetaDistribution.ppf(p[i], 0.6, 0.6), 1e-12, "p " + p[i]);
        assertEquals(0.18180347131894917, BetaDistribution.ppf(0.3, 2.0, 5.0), 1e-12);
        assertEquals(0, BetaDistribution.ppf(0, 0.6, 0.6));
        assertEquals(1, BetaDistribution.ppf(1, 0.6, 0.6));
    }

    @Test
    void optionsOverrideRangeAndRho() {
        double[] s = ScheduleType.KARRAS.sigmas(5, SD1, new ScheduleOptions(0.1, 10, 0, 0.6, 0.6));
        assertEquals(10, s[0], 1e-5);
        assertEquals(0.1, s[4], 1e-7);
        double[] rho1 = ScheduleType.KARRAS.sigmas(3, SD1, new ScheduleOptions(1, 9, 1, 0.6, 0.6));
        assertSigmas(new double[] {9, 5, 1, 0}, rho1);
    }

    @Test
    void discardPenultimateAndImg2imgSlicing() {
        assertArrayEquals(new double[] {5, 3, 0}, Sigmas.discardPenultimate(new double[] {5, 3, 1, 0}));
        double[] karras = ScheduleType.KARRAS.sigmas(20, SD1, ScheduleOptions.DEFAULT);
        double[] sched = Sigmas.forImg2img(karras, 20, 0.75);
        assertEquals(17, sched.length);
        assertEquals(5.789421, sched[0], 1e-6);
        assertEquals(15, Sigmas.img2imgEncodeSteps(20, 0.75));
        assertEquals(19, Sigmas.img2imgEncodeSteps(20, 1.0));
        assertEquals(21, Sigmas.forImg2img(karras, 20, 1.0).length);
    }

    @Test
    void schedulerConfigIsRead(@TempDir Path dir) throws IOException {
        Path cfg = dir.resolve("scheduler_config.json");
        Files.writeString(cfg, "{\"_class_name\": \"PNDMScheduler\", \"beta_end\": 0.012, \"beta_schedule\": \"scaled_linear\","
                + " \"beta_start\": 0.00085, \"num_train_timesteps\": 1000, \"steps_offset\": 1, \"trained_betas\": null}");
        NoiseSchedule s = NoiseSchedule.fromSchedulerConfig(cfg);
        assertEquals(SD1.sigmaMax(), s.sigmaMax(), 0);
        assertEquals(Prediction.EPSILON, s.prediction());
        assertEquals(SD1.sigmaMax(), NoiseSchedule.fromSchedulerConfig(dir.resolve("missing.json")).sigmaMax(), 0);

        Files.writeString(cfg, "{\"beta_schedule\": \"linear\", \"beta_start\": 0.0001, \"beta_end\": 0.02,"
                + " \"num_train_timesteps\": 1000, \"prediction_type\": \"v_prediction\"}");
        NoiseSchedule lin = NoiseSchedule.fromSchedulerConfig(cfg);
        assertEquals(Prediction.V_PREDICTION, lin.prediction());
        assertEquals(1 - 0.0001, lin.alphaCumprod(0), 1e-7);
        assertEquals(157.40723, lin.sigmaMax(), 2e-3);

        Files.writeString(cfg, "{\"beta_schedule\": \"sigmoid\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NoiseSchedule.fromSchedulerConfig(cfg));
        assertTrue(e.getMessage().contains("sigmoid"), e.getMessage());
    }

    @Test
    void scheduleTypesByNameLabelAndAlias() {
        assertEquals(ScheduleType.KARRAS, ScheduleType.byName("karras"));
        assertEquals(ScheduleType.KARRAS, ScheduleType.byName("Karras"));
        assertEquals(ScheduleType.SGM_UNIFORM, ScheduleType.byName("SGMUniform"));
        assertEquals(ScheduleType.SGM_UNIFORM, ScheduleType.byName("sgm uniform"));
        assertEquals(ScheduleType.AUTOMATIC, ScheduleType.byName(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScheduleType.byName("Cosine"));
        assertTrue(e.getMessage().contains("Karras") && e.getMessage().contains("Cosine"), e.getMessage());
        assertEquals(12, ScheduleType.values().length);
    }
}
