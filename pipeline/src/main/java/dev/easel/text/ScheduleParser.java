package dev.easel.text;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A1111's prompt editing and alternation ({@code get_learned_conditioning_prompt_schedules}):
 * {@code [from:to:when]}, {@code [to:when]}, {@code [from::when]} and {@code [a|b|...]}, following its
 * lark grammar. Emphasis brackets are kept as text for the attention parser. A prompt the grammar
 * cannot parse (a {@code |} outside brackets, a trailing backslash) is used unchanged for every step.
 * Where the grammar is ambiguous at the top level (a {@code [} that is either a stray character or the
 * start of an edit), the structured reading wins; lark's own choice there varies with Python's hash seed.
 */
final class ScheduleParser {

    private sealed interface Node permits Literal, Scheduled, Alternate {}

    private record Literal(String text) implements Node {}

    /** {@code before} is null for the {@code [to:when]} form. */
    private record Scheduled(List<Node> before, List<Node> after, String number, int position) implements Node {}

    /** A null option is an empty one ({@code [a|]}). */
    private record Alternate(List<List<Node>> options) implements Node {}

    private record Parsed(List<Node> nodes, int end) {}

    private static final class ParseFailure extends Exception {
        ParseFailure() { super(null, null, false, false); }
    }

    private static final ParseFailure FAIL = new ParseFailure();

    /** Deeper nesting than this is refused; A1111's recursive tree walk fails long before lark would. */
    static final int MAX_DEPTH = 200;

    private final String s;
    private final int n;
    private int depth;

    private ScheduleParser(String s) {
        this.s = s;
        this.n = s.length();
    }

    static List<ScheduleEntry> schedule(String prompt, int baseSteps, ScheduleOptions options) {
        boolean hires = options.hiresSteps() != null && !options.oldScheduling();
        int steps = hires ? options.hiresSteps() : baseSteps;
        if (prompt.indexOf('[') < 0) {
            // Edits and alternation open with '['; without one every step renders the prompt as written.
            return List.of(new ScheduleEntry(steps, prompt));
        }
        List<Node> tree;
        try {
            tree = new ScheduleParser(prompt).parseStart();
        } catch (ParseFailure e) {
            return List.of(new ScheduleEntry(steps, prompt)); // A1111 catches LarkError and keeps the prompt as it is
        }
        TreeSet<Integer> points = new TreeSet<>();
        points.add(steps);
        IdentityWhen when = new IdentityWhen();
        collect(tree, steps, hires ? baseSteps : 0, hires ? 1.0 : 0.0, options.oldScheduling(), points, when);
        List<ScheduleEntry> out = new ArrayList<>(points.size());
        StringBuilder sb = new StringBuilder(prompt.length());
        for (int t : points) {
            sb.setLength(0);
            render(tree, t, when, sb);
            out.add(new ScheduleEntry(t, sb.toString()));
        }
        return out;
    }

    // ---- parsing -------------------------------------------------------------------------------

    /** {@code !start: (prompt | /[][():]/+)*}: top level, where brackets and colons may stand alone. */
    private List<Node> parseStart() throws ParseFailure {
        List<Node> nodes = new ArrayList<>();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '[' || c == '(') {
                Parsed item = tryItem(i);
                if (item != null) {
                    nodes.addAll(item.nodes());
                    i = item.end();
                } else {
                    nodes.add(new Literal(String.valueOf(c)));
                    i++;
                }
            } else if (c == ']' || c == ')' || c == ':') {
                nodes.add(new Literal(String.valueOf(c)));
                i++;
            } else if (c == '|') {
                throw FAIL;
            } else {
                i = plain(i, nodes);
            }
        }
        return nodes;
    }

    /** {@code prompt}: items up to (not including) a {@code : | ] )} or the end. */
    private Parsed parsePrompt(int i) throws ParseFailure {
        List<Node> nodes = new ArrayList<>();
        while (i < n) {
            char c = s.charAt(i);
            if (c == ':' || c == '|' || c == ']' || c == ')') break;
            if (c == '[' || c == '(') {
                Parsed item = tryItem(i);
                if (item == null) throw FAIL;
                nodes.addAll(item.nodes());
                i = item.end();
            } else {
                i = plain(i, nodes);
            }
        }
        return new Parsed(nodes, i);
    }

    /** An emphasized, scheduled or alternate item starting at a bracket, or null when none parses there. */
    private Parsed tryItem(int i) {
        if (++depth > MAX_DEPTH) {
            throw new PromptSyntaxException("brackets are nested more than " + MAX_DEPTH + " deep", i);
        }
        try {
            return s.charAt(i) == '(' ? round(i) : square(i);
        } catch (ParseFailure e) {
            return null;
        } finally {
            depth--;
        }
    }

    /** {@code "(" prompt ")" | "(" prompt ":" prompt ")"}, re-emitted as text. */
    private Parsed round(int i) throws ParseFailure {
        Parsed first = parsePrompt(i + 1);
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Literal("("));
        nodes.addAll(first.nodes());
        int e = first.end();
        if (e < n && s.charAt(e) == ':') {
            Parsed second = parsePrompt(e + 1);
            nodes.add(new Literal(":"));
            nodes.addAll(second.nodes());
            e = second.end();
        }
        if (e >= n || s.charAt(e) != ')') throw FAIL;
        nodes.add(new Literal(")"));
        return new Parsed(nodes, e + 1);
    }

    private Parsed square(int i) throws ParseFailure {
        Parsed first = parsePrompt(i + 1);
        int e = first.end();
        if (e >= n) throw FAIL;
        char c = s.charAt(e);
        if (c == ']') { // "[" prompt "]": emphasis, kept as text
            List<Node> nodes = new ArrayList<>();
            nodes.add(new Literal("["));
            nodes.addAll(first.nodes());
            nodes.add(new Literal("]"));
            return new Parsed(nodes, e + 1);
        }
        if (c == '|') {
            List<List<Node>> options = new ArrayList<>();
            options.add(first.nodes());
            while (e < n && s.charAt(e) == '|') {
                Parsed option = parsePrompt(e + 1);
                options.add(option.nodes().isEmpty() ? null : option.nodes());
                e = option.end();
            }
            if (e >= n || s.charAt(e) != ']') throw FAIL;
            return new Parsed(List.of(new Alternate(options)), e + 1);
        }
        if (c == ':') {
            int[] number = numberTail(e + 1);
            if (number != null) { // [to:when]
                return new Parsed(List.of(new Scheduled(null, first.nodes(), s.substring(number[0], number[1]), number[0])), number[2]);
            }
            Parsed second = parsePrompt(e + 1);
            int e2 = second.end();
            if (e2 < n && s.charAt(e2) == ':') {
                number = numberTail(e2 + 1);
                if (number != null) { // [from:to:when]
                    return new Parsed(List.of(new Scheduled(first.nodes(), second.nodes(), s.substring(number[0], number[1]), number[0])), number[2]);
                }
            }
        }
        throw FAIL;
    }

    /** {@code [WHITESPACE] NUMBER [WHITESPACE] "]"} at {@code i}: {number start, number end, end after ']'} or null. */
    private int[] numberTail(int i) {
        while (i < n && PyText.isSpace(s.charAt(i))) i++;
        int end = signedNumber(i);
        if (end < 0) return null;
        int j = end;
        while (j < n && PyText.isSpace(s.charAt(j))) j++;
        if (j >= n || s.charAt(j) != ']') return null;
        return new int[] {i, end, j + 1};
    }

    /**
     * lark's {@code SIGNED_NUMBER} as its regex matches (first alternative that fits, not the longest):
     * {@code [+-]? (INT EXP | (INT "." INT? | "." INT) EXP? | INT)}. Returns the end, or -1.
     */
    private int signedNumber(int i) {
        int j = i;
        if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) j++;
        int intEnd = digits(j);
        if (intEnd > j) {
            int exp = exponent(intEnd);
            if (exp > 0) return exp;
            if (intEnd < n && s.charAt(intEnd) == '.') {
                int frac = digits(intEnd + 1);
                int e = exponent(frac);
                return e > 0 ? e : frac;
            }
            return intEnd;
        }
        if (j < n && s.charAt(j) == '.') {
            int frac = digits(j + 1);
            if (frac > j + 1) {
                int e = exponent(frac);
                return e > 0 ? e : frac;
            }
        }
        return -1;
    }

    private int digits(int i) {
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
        return i;
    }

    private int exponent(int i) {
        if (i >= n || (s.charAt(i) != 'e' && s.charAt(i) != 'E')) return -1;
        int j = i + 1;
        if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) j++;
        int end = digits(j);
        return end > j ? end : -1;
    }

    /** {@code plain: /([^\\\[\]():|]|\\.)+/}: a run of ordinary characters and escapes. */
    private int plain(int i, List<Node> nodes) throws ParseFailure {
        int j = i;
        while (j < n) {
            char c = s.charAt(j);
            if (c == '\\') {
                if (j + 1 >= n || s.charAt(j + 1) == '\n') break; // '.' does not match a newline
                j += 2;
            } else if (c == '[' || c == ']' || c == '(' || c == ')' || c == ':' || c == '|') {
                break;
            } else {
                j++;
            }
        }
        if (j == i) throw FAIL; // a backslash with nothing it can escape: no terminal matches
        nodes.add(new Literal(s.substring(i, j)));
        return j;
    }

    // ---- steps and rendering -------------------------------------------------------------------

    /** The switch step of each scheduled node, by identity. */
    private static final class IdentityWhen extends java.util.IdentityHashMap<Scheduled, Long> {}

    private static void collect(List<Node> nodes, int steps, int intOffset, double fracOffset, boolean old,
                                TreeSet<Integer> points, IdentityWhen when) {
        if (nodes == null) return;
        for (Node node : nodes) {
            if (node instanceof Scheduled sc) {
                collect(sc.before(), steps, intOffset, fracOffset, old, points, when);
                collect(sc.after(), steps, intOffset, fracOffset, old, points, when);
                double v = Double.parseDouble(sc.number());
                if (old) {
                    v = v < 1 ? v * steps : v;
                } else if (sc.number().indexOf('.') >= 0) {
                    v = (v - fracOffset) * steps;
                } else {
                    v = v - intOffset;
                }
                if (Double.isInfinite(v)) {
                    // A1111 fails here too: int() of an infinite float raises OverflowError.
                    throw new PromptSyntaxException("prompt editing step '" + sc.number() + "' is too large; use a step number or a fraction such as 0.5", sc.position());
                }
                double truncated = v < 0 ? Math.ceil(v) : Math.floor(v);
                long w = truncated >= steps ? steps : (long) truncated;
                when.put(sc, w);
                if (w >= 1) points.add((int) w);
            } else if (node instanceof Alternate alt) {
                for (List<Node> option : alt.options()) collect(option, steps, intOffset, fracOffset, old, points, when);
                for (int t = 1; t <= steps; t++) points.add(t);
            }
        }
    }

    private static void render(List<Node> nodes, int step, IdentityWhen when, StringBuilder out) {
        if (nodes == null) return;
        for (Node node : nodes) {
            if (node instanceof Literal lit) {
                out.append(lit.text());
            } else if (node instanceof Scheduled sc) {
                render(step <= when.get(sc) ? sc.before() : sc.after(), step, when, out);
            } else if (node instanceof Alternate alt) {
                render(alt.options().get((step - 1) % alt.options().size()), step, when, out);
            }
        }
    }
}
