package dev.easel.imagej.ij1;

import java.awt.GraphicsEnvironment;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.scijava.Cancelable;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;

import dev.easel.imagej.command.EaselCommands;
import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.plugin.PlugIn;

/**
 * The ImageJ 1 entry for every Easel command ({@code plugins.config} passes the command's key), so
 * {@code run("Inpaint Selection", "prompt=[...] strength=0.6")} works from any ImageJ 1 macro, in Fiji and in
 * plain ImageJ. It runs the same SciJava command class: the current image goes to its {@code ImagePlus}
 * input, the macro options (or a dialog, when run from the menu) to its other {@code @Parameter}s, keyed
 * by field name; image outputs are shown and text outputs logged.
 */
public class EaselMacroPlugIn implements PlugIn {

    @Override
    public void run(String arg) {
        Class<? extends Command> type = EaselCommands.byKey().get(arg);
        if (type == null) {
            IJ.error("Easel", "Unknown Easel command '" + arg + "' in plugins.config; expected one of "
                    + EaselCommands.byKey().keySet() + ".");
            return;
        }
        Command command;
        try {
            command = type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + type.getName(), e);
        }
        List<Field> inputs = new ArrayList<>();
        for (Field f : parameterFields(type)) {
            ItemIO io = f.getAnnotation(Parameter.class).type();
            if (io != ItemIO.OUTPUT) {
                inputs.add(f);
            }
        }
        if (!fillImage(command, inputs)) {
            return;
        }
        initialize(command, inputs);
        String options = Macro.getOptions();
        ParameterForm form = new ParameterForm(command, inputs);
        if (options != null) {
            String problem = form.readOptions(options);
            if (problem != null) {
                IJ.error("Easel", problem);
                return;
            }
        } else if (!form.isEmpty()) {
            if (GraphicsEnvironment.isHeadless()) {
                IJ.error("Easel", "Without a screen, run this command from a macro with its options, e.g. "
                        + "run(\"Inpaint Selection\", \"prompt=[a red apple]\").");
                return;
            }
            if (!form.showDialog(IJ.getInstance() == null ? "Easel" : "Easel: " + arg)) {
                return;
            }
        }
        command.run();
        if (command instanceof Cancelable && ((Cancelable) command).isCanceled()) {
            String reason = ((Cancelable) command).getCancelReason();
            IJ.error("Easel", reason == null || reason.isEmpty() ? "Cancelled." : reason);
            return;
        }
        showOutputs(command, type);
    }

    /** Fields annotated {@code @Parameter}, superclass fields first, services excluded. */
    static List<Field> parameterFields(Class<?> type) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            chain.add(0, c);
        }
        List<Field> out = new ArrayList<>();
        for (Class<?> c : chain) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(Parameter.class)
                        && !org.scijava.service.Service.class.isAssignableFrom(f.getType())
                        && !org.scijava.Context.class.isAssignableFrom(f.getType())) {
                    f.setAccessible(true);
                    out.add(f);
                }
            }
        }
        return out;
    }

    private static boolean fillImage(Command command, List<Field> inputs) {
        for (Field f : inputs) {
            if (f.getType() == ImagePlus.class) {
                ImagePlus imp = WindowManager.getCurrentImage();
                if (imp == null) {
                    IJ.noImage();
                    return false;
                }
                set(f, command, imp);
            }
        }
        return true;
    }

    /** Runs each input's {@code initializer} method, as SciJava's InitPreprocessor does. */
    private static void initialize(Command command, List<Field> inputs) {
        for (Field f : inputs) {
            String init = f.getAnnotation(Parameter.class).initializer();
            if (!init.isEmpty()) {
                try {
                    Method m = f.getDeclaringClass().getDeclaredMethod(init);
                    m.setAccessible(true);
                    m.invoke(command);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("initializer " + init + " of " + f, e);
                }
            }
        }
    }

    private static void showOutputs(Command command, Class<?> type) {
        for (Field f : parameterFields(type)) {
            if (f.getAnnotation(Parameter.class).type() == ItemIO.INPUT) {
                continue;
            }
            Object value = get(f, command);
            if (value instanceof ImagePlus) {
                ((ImagePlus) value).show();
            } else if (value instanceof String) {
                IJ.log((String) value);
            }
        }
    }

    static void set(Field f, Object target, Object value) {
        try {
            f.set(target, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(f.toString(), e);
        }
    }

    static Object get(Field f, Object target) {
        try {
            return f.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(f.toString(), e);
        }
    }
}
