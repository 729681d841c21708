package dev.easel.imagej.command;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.scijava.command.Command;

/** Every Easel command by its ImageJ 1 key, in menu order; {@code plugins.config} uses the same keys. */
public final class EaselCommands {

    private static final Map<String, Class<? extends Command>> BY_KEY;

    static {
        Map<String, Class<? extends Command>> m = new LinkedHashMap<>();
        m.put("generate", GenerateCommand.class);
        m.put("inpaint", InpaintSelectionCommand.class);
        m.put("refine", RefineCommand.class);
        m.put("outpaint", OutpaintCommand.class);
        m.put("upscale", UpscaleCommand.class);
        m.put("faces", RestoreFacesCommand.class);
        m.put("settings", SettingsCommand.class);
        m.put("status", BridgeStatusCommand.class);
        BY_KEY = Collections.unmodifiableMap(m);
    }

    private EaselCommands() { }

    public static Map<String, Class<? extends Command>> byKey() {
        return BY_KEY;
    }
}
