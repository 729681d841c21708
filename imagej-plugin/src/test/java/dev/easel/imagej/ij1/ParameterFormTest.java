package dev.easel.imagej.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.easel.imagej.command.InpaintSelectionCommand;
import dev.easel.imagej.command.OutpaintCommand;
import dev.easel.imagej.command.SettingsCommand;

/** What the macro entries read and what they record are the same keys and values. */
class ParameterFormTest {

    private static ParameterForm form(Object command) {
        List<Field> inputs = new ArrayList<>();
        for (Field f : EaselMacroPlugIn.parameterFields(command.getClass())) {
            if (f.getAnnotation(org.scijava.plugin.Parameter.class).type() != org.scijava.ItemIO.OUTPUT) {
                inputs.add(f);
            }
        }
        return new ParameterForm(command, inputs);
    }

    @Test
    void recordedOptionsReplayToTheSameValues() {
        InpaintSelectionCommand first = new InpaintSelectionCommand();
        assertNull(form(first).readOptions("prompt=[a red apple, (sharp:1.2)] negative_prompt=[] steps=30 "
                + "cfg_scale=6.5 sampler=[dpm++ 2m] seed=123456789012 strength=0.55 mask_blur=8 "
                + "masked_content=[latent noise] padding=16 resolution=768 in_place"));
        String recorded = form(first).toOptions();
        assertEquals("prompt=[a red apple, (sharp:1.2)] negative_prompt=[] steps=30 cfg_scale=6.5 "
                + "sampler=[DPM++ 2M] seed=123456789012 strength=0.55 mask_blur=8 masked_content=[latent noise] "
                + "padding=16 resolution=768 in_place", recorded);
        InpaintSelectionCommand second = new InpaintSelectionCommand();
        assertNull(form(second).readOptions(recorded));
        assertEquals(recorded, form(second).toOptions());
    }

    @Test
    void uncheckedBoxesAreLeftOutAndBadValuesNamed() {
        OutpaintCommand outpaint = new OutpaintCommand();
        assertNull(form(outpaint).readOptions("pixels=64 left"));
        assertEquals("prompt=[] negative_prompt=[] steps=20 cfg_scale=7.0 sampler=[Euler a] seed=-1 pixels=64 "
                + "left strength=0.8 mask_blur=4", form(outpaint).toOptions());
        assertEquals("sampler=Fast is not one of Euler a, Euler, LMS, Heun, DPM2, DPM2 a, DPM++ 2S a, DPM++ 2M, "
                + "DPM++ SDE, DPM++ 2M SDE, DPM fast, DPM adaptive, DDIM.", form(outpaint).readOptions("sampler=Fast"));
        assertEquals("pixels=many is not a number.", form(outpaint).readOptions("pixels=many"));
    }

    @Test
    void passwordsAreNeverRecorded() {
        SettingsCommand settings = new SettingsCommand();
        assertNull(form(settings).readOptions("url=[http://gpu:7860] user=ann password=secret"));
        assertEquals("url=http://gpu:7860 user=ann connect_timeout=5 request_timeout=120 job_timeout=1800",
                form(settings).toOptions());
    }
}
