package dev.easel.bridge.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads typed fields out of a JSON object, in one of two dialects. Lenient (A1111's): unknown
 * fields are ignored and numbers may come as numeric strings, as pydantic coerces them. Strict
 * (Easel's): unknown fields and wrongly typed values are a 422 naming the field. Both treat JSON
 * null as "not given" (A1111 clients send null for every optional field) and both reject values
 * out of range, naming the field and the allowed range.
 */
public final class Fields {
    private final ObjectNode node;
    private final boolean strict;
    private final String prefix;
    private final Set<String> known = new LinkedHashSet<>();

    public Fields(ObjectNode node, boolean strict) {
        this(node, strict, "");
    }

    private Fields(ObjectNode node, boolean strict, String prefix) {
        this.node = node;
        this.strict = strict;
        this.prefix = prefix;
    }

    public boolean strict() { return strict; }

    public ObjectNode node() { return node; }

    /** The field's name as reported in errors (nested objects report {@code outer.inner}). */
    public String path(String name) { return prefix + name; }

    /** True when the field is present and not null. */
    public boolean has(String name) {
        known.add(name);
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    /** Marks fields as understood but unused, so strict mode accepts them. */
    public void accept(String... names) {
        known.addAll(List.of(names));
    }

    public JsonNode raw(String name) {
        return has(name) ? node.get(name) : null;
    }

    public String string(String name, String def) {
        if (!has(name)) return def;
        JsonNode v = node.get(name);
        if (v.isTextual()) return v.textValue();
        if (!strict && (v.isNumber() || v.isBoolean())) return v.asText();
        throw ApiException.badField(path(name), "expected a string, got " + describe(v));
    }

    public int integer(String name, int def, int min, int max) {
        if (!has(name)) return def;
        long v = integral(name);
        if (v < min || v > max) throw outOfRange(name, v, min, max);
        return (int) v;
    }

    public long longInteger(String name, long def, long min, long max) {
        if (!has(name)) return def;
        long v = integral(name);
        if (v < min || v > max) throw outOfRange(name, v, min, max);
        return v;
    }

    public double number(String name, double def, double min, double max) {
        if (!has(name)) return def;
        double v = numeric(name);
        if (Double.isNaN(v) || v < min || v > max) throw outOfRange(name, v, min, max);
        return v;
    }

    /** A number, or null when not given (for fields whose default comes from a setting). */
    public Double optionalNumber(String name, double min, double max) {
        return has(name) ? number(name, 0, min, max) : null;
    }

    /** A boolean; A1111 fields such as {@code inpainting_mask_invert} are 0/1 integers, so 0 and 1 count too. */
    public boolean bool(String name, boolean def) {
        if (!has(name)) return def;
        JsonNode v = node.get(name);
        if (v.isBoolean()) return v.booleanValue();
        if (v.isIntegralNumber() && (v.longValue() == 0 || v.longValue() == 1)) return v.longValue() == 1;
        if (!strict && v.isTextual()) {
            String s = v.textValue().trim().toLowerCase();
            if (s.equals("true") || s.equals("1")) return true;
            if (s.equals("false") || s.equals("0")) return false;
        }
        throw ApiException.badField(path(name), "expected true or false, got " + describe(v));
    }

    /** A list of strings; absent gives an empty list. */
    public List<String> strings(String name) {
        List<String> out = new ArrayList<>();
        if (!has(name)) return out;
        JsonNode v = node.get(name);
        if (!v.isArray()) {
            if (!strict && v.isTextual()) return List.of(v.textValue());
            throw ApiException.badField(path(name), "expected a list of strings, got " + describe(v));
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isTextual()) {
                throw ApiException.badField(path(name) + "[" + i + "]", "expected a string, got " + describe(e));
            }
            out.add(e.textValue());
        }
        return out;
    }

    /** A nested object, or null when absent. */
    public ObjectNode object(String name) {
        if (!has(name)) return null;
        JsonNode v = node.get(name);
        if (!v.isObject()) throw ApiException.badField(path(name), "expected an object, got " + describe(v));
        return (ObjectNode) v;
    }

    /** Fields of a nested object, reported as {@code name.inner}. */
    public Fields nested(String name) {
        ObjectNode o = object(name);
        return o == null ? null : new Fields(o, strict, path(name) + ".");
    }

    /** In strict mode, rejects the first field nobody asked about. */
    public void finish() {
        if (!strict) return;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String n = it.next();
            if (!known.contains(n)) {
                throw ApiException.badField(path(n), "unknown field; see /easel/v1/openapi.json for the fields this route takes");
            }
        }
    }

    private long integral(String name) {
        JsonNode v = node.get(name);
        if (v.isIntegralNumber() && v.canConvertToLong()) return v.longValue();
        // 20.0 is 20: Python clients serialise whole floats that way.
        if (v.isNumber() && v.doubleValue() == Math.rint(v.doubleValue()) && Math.abs(v.doubleValue()) < 9.0e18) {
            return (long) v.doubleValue();
        }
        if (!strict && v.isTextual()) {
            try {
                return Long.parseLong(v.textValue().trim());
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw ApiException.badField(path(name), "expected an integer, got " + describe(v));
    }

    private double numeric(String name) {
        JsonNode v = node.get(name);
        if (v.isNumber()) return v.doubleValue();
        if (!strict && v.isTextual()) {
            try {
                return Double.parseDouble(v.textValue().trim());
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw ApiException.badField(path(name), "expected a number, got " + describe(v));
    }

    private ApiException outOfRange(String name, Object v, Object min, Object max) {
        return ApiException.badField(path(name), "must be between " + fmt(min) + " and " + fmt(max) + ", got " + fmt(v));
    }

    private static String fmt(Object o) {
        if (o instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) return Long.toString(d.longValue());
        return String.valueOf(o);
    }

    private static String describe(JsonNode v) {
        String text = v.toString();
        String kind = v.getNodeType().name().toLowerCase();
        return text.length() > 40 ? kind : kind + " " + text;
    }
}
