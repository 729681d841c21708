package dev.easel.infotext;

import java.math.BigDecimal;
import java.math.MathContext;

/** Python's {@code str()} of the values A1111 puts in infotexts, and its {@code json.dumps(v, ensure_ascii=False)} of strings. */
public final class PyFormat {

    private PyFormat() { }

    /** {@code str(v)} for int, float, bool and str values. */
    public static String str(Object v) {
        if (v instanceof Double d) return floatRepr(d);
        if (v instanceof Float f) return floatRepr(f.doubleValue());
        if (v instanceof Boolean b) return b ? "True" : "False";
        return String.valueOf(v);
    }

    /**
     * Python's float repr: the shortest digits that read back to the same double, in fixed notation
     * for exponents -4..15 (always with a fraction, {@code 7.0}), else {@code 1e-05} / {@code 1e+16}.
     */
    public static String floatRepr(double d) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == 0) return (1 / d < 0) ? "-0.0" : "0.0";
        BigDecimal shortest = null;
        for (int p = 1; p <= 17; p++) {
            BigDecimal b = new BigDecimal(d).round(new MathContext(p));
            if (b.doubleValue() == d) { shortest = b; break; }
        }
        if (shortest == null) shortest = new BigDecimal(d);
        BigDecimal stripped = shortest.stripTrailingZeros();
        String digits = stripped.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - stripped.scale(); // decimal exponent of the first digit
        String sign = d < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 16) {
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mant + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        String plain = stripped.abs().toPlainString();
        if (!plain.contains(".")) plain += ".0";
        return sign + plain;
    }

    /** {@code json.dumps(s, ensure_ascii=False)}: quotes, escapes {@code " \\} and control characters. */
    public static String jsonString(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    /** {@code json.loads} of a JSON string literal; returns the input unchanged when it is not one (A1111's {@code unquote}). */
    public static String unquote(String text) {
        if (text.length() < 2 || text.charAt(0) != '"' || text.charAt(text.length() - 1) != '"') return text;
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 1; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c == '"') return text; // an unescaped quote inside: not a single JSON string
            if (c != '\\') { b.append(c); continue; }
            if (++i >= text.length() - 1) return text;
            char e = text.charAt(i);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    if (i + 4 >= text.length()) return text;
                    try {
                        b.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    } catch (NumberFormatException ex) {
                        return text;
                    }
                    i += 4;
                }
                default -> { return text; }
            }
        }
        return b.toString();
    }
}
