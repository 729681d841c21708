package dev.easel.bridge.a1111;

import com.fasterxml.jackson.databind.JsonNode;
import dev.easel.bridge.http.ApiException;

import java.util.List;

/**
 * One A1111 setting the bridge understands: its name, default, and how a JSON value is checked.
 * Values are kept as plain Java values (String, Long, Double, Boolean) so they serialise as A1111 sends them.
 */
record OptionSpec(String name, Object defaultValue, Kind kind, double min, double max, List<String> choices) {

    enum Kind { STRING, INTEGER, NUMBER, BOOLEAN, CHOICE }

    static OptionSpec string(String name, String def) {
        return new OptionSpec(name, def, Kind.STRING, 0, 0, List.of());
    }

    static OptionSpec integer(String name, long def, long min, long max) {
        return new OptionSpec(name, def, Kind.INTEGER, min, max, List.of());
    }

    static OptionSpec number(String name, double def, double min, double max) {
        return new OptionSpec(name, def, Kind.NUMBER, min, max, List.of());
    }

    static OptionSpec bool(String name, boolean def) {
        return new OptionSpec(name, def, Kind.BOOLEAN, 0, 0, List.of());
    }

    static OptionSpec choice(String name, String def, String... choices) {
        return new OptionSpec(name, def, Kind.CHOICE, 0, 0, List.of(choices));
    }

    /** Checks and converts a client's value; {@code field} is how errors name it. */
    Object parse(String field, JsonNode v) {
        if (v == null || v.isNull()) return defaultValue;
        return switch (kind) {
            case STRING -> {
                if (!v.isTextual()) throw ApiException.badField(field, "expected a string");
                yield v.textValue();
            }
            case CHOICE -> {
                String s = v.isTextual() ? v.textValue() : null;
                String match = s == null ? null
                        : choices.stream().filter(c -> c.equalsIgnoreCase(s)).findFirst().orElse(null);
                if (match == null) throw ApiException.badField(field, "expected one of " + choices);
                yield match;
            }
            case INTEGER -> {
                double d = number(field, v);
                if (d != Math.rint(d)) throw ApiException.badField(field, "expected an integer");
                check(field, d);
                yield (long) d;
            }
            case NUMBER -> {
                double d = number(field, v);
                check(field, d);
                yield d;
            }
            case BOOLEAN -> {
                if (v.isBoolean()) yield v.booleanValue();
                if (v.isIntegralNumber() && (v.longValue() == 0 || v.longValue() == 1)) yield v.longValue() == 1;
                throw ApiException.badField(field, "expected true or false");
            }
        };
    }

    private static double number(String field, JsonNode v) {
        if (v.isNumber()) return v.doubleValue();
        if (v.isTextual()) {
            try {
                return Double.parseDouble(v.textValue().trim());
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw ApiException.badField(field, "expected a number");
    }

    private void check(String field, double d) {
        if (Double.isNaN(d) || d < min || d > max) {
            throw ApiException.badField(field, "must be between " + fmt(min) + " and " + fmt(max));
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
