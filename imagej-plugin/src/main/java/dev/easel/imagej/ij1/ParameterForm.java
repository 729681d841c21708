package dev.easel.imagej.ij1;

import java.lang.reflect.Field;
import java.util.List;

import org.scijava.ItemVisibility;
import org.scijava.plugin.Parameter;

import ij.ImagePlus;
import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;

/**
 * A command's simple {@code @Parameter}s (text, numbers, choices, check boxes) as ImageJ 1 macro options or
 * a {@link GenericDialog}. The macro key of a parameter is its field name; what the dialog collects is
 * recorded under the same keys, so recorded macros replay.
 */
final class ParameterForm {

    private final Object command;
    private final List<Field> fields;

    ParameterForm(Object command, List<Field> fields) {
        this.command = command;
        this.fields = fields;
    }

    /** True when there is nothing to ask (Bridge Status): no dialog is shown. */
    boolean isEmpty() {
        for (Field f : fields) {
            if (!skipped(f)) {
                return false;
            }
        }
        return true;
    }

    /** Sets every field named in {@code options}; returns a message for the first bad value, or null. */
    String readOptions(String options) {
        for (Field f : fields) {
            if (skipped(f)) {
                continue;
            }
            String key = f.getName();
            Class<?> t = f.getType();
            if (t == boolean.class || t == Boolean.class) {
                // ImageJ 1 check boxes: ticked when the key is present, otherwise not.
                EaselMacroPlugIn.set(f, command, MacroOptions.flag(options, key));
                continue;
            }
            String v = MacroOptions.value(options, key);
            if (v == null) {
                continue;
            }
            String problem = assign(f, v);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** Shows the dialog on the current values; false when the user cancelled. */
    boolean showDialog(String title) {
        GenericDialog gd = new GenericDialog(title);
        for (Field f : fields) {
            if (skipped(f)) {
                continue;
            }
            Parameter p = f.getAnnotation(Parameter.class);
            String label = p.label().isEmpty() ? f.getName() : p.label();
            Object value = EaselMacroPlugIn.get(f, command);
            Class<?> t = f.getType();
            if (t == boolean.class || t == Boolean.class) {
                gd.addCheckbox(label, Boolean.TRUE.equals(value));
            } else if (p.choices().length > 0) {
                gd.addChoice(label, p.choices(), String.valueOf(value));
            } else if (t == String.class) {
                if ("password".equals(p.style())) {
                    gd.setEchoChar('*');
                }
                gd.addStringField(label, value == null ? "" : value.toString(), 40);
            } else {
                boolean whole = t == int.class || t == long.class || t == Integer.class || t == Long.class;
                gd.addNumericField(label, ((Number) value).doubleValue(), whole ? 0 : 2);
            }
        }
        gd.showDialog();
        if (gd.wasCanceled()) {
            return false;
        }
        for (Field f : fields) {
            if (skipped(f)) {
                continue;
            }
            Parameter p = f.getAnnotation(Parameter.class);
            Class<?> t = f.getType();
            if (t == boolean.class || t == Boolean.class) {
                EaselMacroPlugIn.set(f, command, gd.getNextBoolean());
            } else if (p.choices().length > 0) {
                assign(f, gd.getNextChoice());
            } else if (t == String.class) {
                assign(f, gd.getNextString());
            } else {
                assign(f, Double.toString(gd.getNextNumber()));
            }
        }
        if (Recorder.record) {
            // The dialog recorded keys made from its labels; record the field names instead, so recorded
            // macros use the documented keys.
            Recorder.resetCommandOptions();
            for (String[] option : options()) {
                if (option[1] == null) {
                    Recorder.recordOption(option[0]);
                } else {
                    Recorder.recordOption(option[0], option[1]);
                }
            }
        }
        return true;
    }

    /**
     * The current values as macro options ({key, value}, or {key, null} for a ticked check box). Passwords
     * are left out, so a recorded macro never holds one.
     */
    java.util.List<String[]> options() {
        java.util.List<String[]> out = new java.util.ArrayList<>();
        for (Field f : fields) {
            Parameter p = f.getAnnotation(Parameter.class);
            if (skipped(f) || "password".equals(p.style())) {
                continue;
            }
            Object v = EaselMacroPlugIn.get(f, command);
            if (v instanceof Boolean) {
                if ((Boolean) v) {
                    out.add(new String[] {f.getName(), null});
                }
            } else {
                out.add(new String[] {f.getName(), v == null ? "" : v.toString()});
            }
        }
        return out;
    }

    /** The current values as one macro option string, as the recorder writes it. */
    String toOptions() {
        StringBuilder s = new StringBuilder();
        for (String[] option : options()) {
            if (s.length() > 0) {
                s.append(' ');
            }
            s.append(option[0]);
            if (option[1] != null) {
                boolean bracket = option[1].isEmpty() || option[1].matches(".*\\s.*");
                s.append('=').append(bracket ? "[" + option[1] + "]" : option[1]);
            }
        }
        return s.toString();
    }

    private static boolean skipped(Field f) {
        Parameter p = f.getAnnotation(Parameter.class);
        return f.getType() == ImagePlus.class || p.visibility() == ItemVisibility.MESSAGE;
    }

    /** Parses {@code text} into {@code f}; returns a message naming the key when it does not fit. */
    private String assign(Field f, String text) {
        Class<?> t = f.getType();
        String key = f.getName();
        try {
            Parameter p = f.getAnnotation(Parameter.class);
            Object value;
            if (p.choices().length > 0) {
                value = canonical(p.choices(), text);
                if (value == null) {
                    return key + "=" + text + " is not one of " + String.join(", ", p.choices()) + ".";
                }
            } else if (t == String.class) {
                value = text;
            } else if (t == int.class || t == Integer.class) {
                value = (int) Math.round(Double.parseDouble(text.trim()));
            } else if (t == long.class || t == Long.class) {
                value = Math.round(Double.parseDouble(text.trim()));
            } else if (t == double.class || t == Double.class) {
                value = Double.parseDouble(text.trim());
            } else if (t == float.class || t == Float.class) {
                value = Float.parseFloat(text.trim());
            } else {
                return "Parameter '" + key + "' has a type the macro entry cannot set: " + t.getSimpleName();
            }
            EaselMacroPlugIn.set(f, command, value);
            return null;
        } catch (NumberFormatException e) {
            return key + "=" + text + " is not a number.";
        }
    }

    /** The choice {@code v} names, ignoring case, or null. */
    private static String canonical(String[] choices, String v) {
        for (String s : choices) {
            if (s.equalsIgnoreCase(v.trim())) {
                return s;
            }
        }
        return null;
    }
}
