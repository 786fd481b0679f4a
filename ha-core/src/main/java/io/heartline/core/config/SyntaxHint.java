package io.heartline.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a HOCON syntax error really is, and which key it is in. Typesafe Config names the line
 * where its parser gave up: often the line after the mistake (a key with nothing after {@code =}
 * takes the next line's key as its value) or far from it (an unclosed brace is noticed at the end of
 * the file). This reads the text around it:
 * <ul>
 *   <li>brackets that do not pair ({@code [ ... }}): the opener that was not closed;</li>
 *   <li>a brace too many or too few: the pair whose closing line is indented unlike its opening
 *       line, the usual trace of the slip;</li>
 *   <li>a key with nothing after {@code =}, a key and value without {@code =} between them;</li>
 * </ul>
 * and names the key on that line with its path ({@code heartline.timing.deadtime}). Best effort:
 * when nothing fits, the parser's own line and message stand.
 */
final class SyntaxHint {
    /** Larger files are not scanned: the parser's line stands. */
    static final long MAX_BYTES = 1 << 20;
    private static final Pattern FIRST_KEY = Pattern.compile(
            "^\\s*[,{\\[\\s]*(\"(?:[^\"\\\\]|\\\\.)*\"|[A-Za-z0-9_][A-Za-z0-9_.\\-]*)\\s*(?:\\+?=|:|\\{)");
    private static final Pattern KEY_WITHOUT_EQUALS = Pattern.compile("Key '([^']+)' may not be followed by token");

    private SyntaxHint() {
    }

    /** One bracket pair, or an opener still open; {@code path} is the key it opens, e.g. {@code heartline.nodes[1]}. */
    private record Opener(char bracket, int line, String path) {
    }

    /** {@code leads}: the closer is the first thing on its line. */
    private record Pair(Opener opener, int closeLine, boolean leads) {
    }

    /** What the brackets of the file look like. */
    private static final class Scan {
        final List<Pair> pairs = new ArrayList<>();
        final Deque<Opener> open = new ArrayDeque<>();
        Pair mismatch;   // the first closer of the wrong kind, with the opener it met
        int strayLine = -1; // the first closer with nothing open
    }

    /** A problem at {@code line} of {@code file}, moved to where the mistake is when the text shows it. */
    static ConfigProblem locate(Path file, int line, String message) {
        ConfigProblem plain = new ConfigProblem(file.toString(), line, null, message);
        List<String> lines;
        try {
            if (Files.size(file) > MAX_BYTES) {
                return plain;
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            return plain;
        }
        return locate(file.toString(), lines, line, message);
    }

    static ConfigProblem locate(String file, List<String> lines, int line, String message) {
        ConfigProblem p = hint(file, lines, line, message);
        // keys are named as the loader names them, from the heartline block; anything else is not ours to name
        boolean ours = p.key() != null && (p.key().equals("heartline") || p.key().startsWith("heartline.")
                || p.key().startsWith("heartline["));
        return ours ? p : new ConfigProblem(p.file(), p.line(), null, p.message());
    }

    private static ConfigProblem hint(String file, List<String> lines, int line, String message) {
        Scan scan = scan(lines);
        String noticed = " (the parser noticed it on line " + line + ": " + message + ")";
        if (scan.mismatch != null) {
            Opener o = scan.mismatch.opener();
            return new ConfigProblem(file, o.line(), o.path(), "'" + o.bracket() + "' opened here is not closed: line "
                    + scan.mismatch.closeLine() + " closes a '" + other(o.bracket()) + "' instead" + noticed);
        }
        if (!scan.open.isEmpty() || scan.strayLine > 0) {
            List<Pair> skewed = scan.pairs.stream().filter(p -> skewed(lines, p)).toList();
            if (!scan.open.isEmpty()) {
                // a missing closer makes each enclosing pair close one level out: the slip is in the innermost
                Pair deepest = skewed.stream().max(Comparator.comparingInt(p -> p.opener().line())).orElse(null);
                Opener o = deepest != null ? deepest.opener() : scan.open.peek();
                String why = deepest != null ? " (the '" + close(o.bracket()) + "' on line " + deepest.closeLine()
                        + " that closes it is indented like an outer block)" : "";
                return new ConfigProblem(file, o.line(), o.path(), "'" + o.bracket() + "' opened here is never closed" + why + noticed);
            }
            // a closer too many closes its block early, and each enclosing one a level too soon: the slip is the first
            Pair early = skewed.stream().min(Comparator.comparingInt(Pair::closeLine)).orElse(null);
            if (early != null) {
                Opener o = early.opener();
                return new ConfigProblem(file, early.closeLine(), o.path(), "this '" + close(o.bracket())
                        + "' closes the '" + o.bracket() + "' of line " + o.line() + " too early, by the indentation around it,"
                        + " so a later '" + close(o.bracket()) + "' is one too many" + noticed);
            }
            return new ConfigProblem(file, scan.strayLine, null, message);
        }
        int previous = previousSignificant(lines, line);
        if (previous > 0 && endsWithAssignment(lines.get(previous - 1))) {
            return new ConfigProblem(file, previous, keyPath(lines, previous), "no value after '" + assignment(lines.get(previous - 1))
                    + "'" + noticed);
        }
        Matcher m = KEY_WITHOUT_EQUALS.matcher(message);
        if (m.find()) {
            String words = m.group(1);
            for (int n = Math.min(line, lines.size()); n >= 1; n--) {
                if (lines.get(n - 1).contains(words)) {
                    String first = words.strip().split("\\s+")[0];
                    String path = joinKey(pathBefore(lines, n), first);
                    return new ConfigProblem(file, n, path, "'" + words + "': a key and its value need '=' between them"
                            + " (or quotes around a key or value with spaces)");
                }
            }
        }
        return new ConfigProblem(file, line, keyPath(lines, line), message);
    }

    /**
     * Whether a pair looks wrong by its indentation: a closer at the start of its line indented
     * unlike its opener's line, or a closer after other text on its line followed by lines still
     * indented as the block's inside.
     */
    private static boolean skewed(List<String> lines, Pair p) {
        int open = p.opener().line();
        if (open == p.closeLine()) {
            return false;
        }
        if (p.leads()) {
            return indent(lines, open) != indent(lines, p.closeLine());
        }
        int next = nextSignificant(lines, p.closeLine());
        return next > 0 && indent(lines, next) > indent(lines, open);
    }

    private static int nextSignificant(List<String> lines, int line) {
        for (int n = line + 1; n <= lines.size(); n++) {
            if (!withoutComment(lines.get(n - 1)).isBlank()) {
                return n;
            }
        }
        return -1;
    }

    /** The brackets of the whole text, outside strings, comments and {@code ${...}} substitutions. */
    private static Scan scan(List<String> lines) {
        Scan s = new Scan();
        Deque<int[]> listItems = new ArrayDeque<>(); // per open bracket: objects seen so far in it (lists only)
        boolean inTriple = false;
        for (int n = 1; n <= lines.size(); n++) {
            String text = lines.get(n - 1);
            int i = 0;
            while (i < text.length()) {
                if (inTriple) {
                    int end = text.indexOf("\"\"\"", i);
                    if (end < 0) {
                        break;
                    }
                    inTriple = false;
                    i = end + 3;
                    continue;
                }
                char c = text.charAt(i);
                if (c == '#' || c == '/' && text.startsWith("//", i)) {
                    break;
                }
                if (text.startsWith("\"\"\"", i)) {
                    inTriple = true;
                    i += 3;
                } else if (c == '"') {
                    i = endOfString(text, i);
                } else if (c == '$' && text.startsWith("${", i)) {
                    int end = text.indexOf('}', i);
                    i = end < 0 ? text.length() : end + 1;
                } else if (c == '{' || c == '[') {
                    String key = keyBefore(text, i);
                    if (key.isEmpty() && !s.open.isEmpty() && s.open.peek().bracket() == '[') {
                        key = "[" + listItems.peek()[0]++ + "]";
                    }
                    String parent = s.open.isEmpty() ? "" : s.open.peek().path();
                    s.open.push(new Opener(c, n, joinKey(parent, key)));
                    listItems.push(new int[1]);
                    i++;
                } else if (c == '}' || c == ']') {
                    boolean leads = text.substring(0, i).isBlank();
                    if (s.open.isEmpty()) {
                        if (s.strayLine < 0) {
                            s.strayLine = n;
                        }
                    } else if (close(s.open.peek().bracket()) != c) {
                        if (s.mismatch == null) {
                            s.mismatch = new Pair(s.open.peek(), n, leads);
                        }
                        // keep going as if it matched, so that later pairs still line up
                        s.pairs.add(new Pair(s.open.pop(), n, leads));
                        listItems.pop();
                    } else {
                        s.pairs.add(new Pair(s.open.pop(), n, leads));
                        listItems.pop();
                    }
                    i++;
                } else {
                    i++;
                }
            }
        }
        return s;
    }

    private static int endOfString(String text, int quote) {
        int i = quote + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
        return text.length();
    }

    /** The key written before the bracket at {@code at}: {@code nodes} in {@code nodes = [}. */
    private static String keyBefore(String text, int at) {
        int from = Math.max(Math.max(text.lastIndexOf(',', at - 1), text.lastIndexOf('{', at - 1)), text.lastIndexOf('[', at - 1)) + 1;
        String key = text.substring(from, at).strip();
        if (key.endsWith("+=")) {
            key = key.substring(0, key.length() - 2).strip();
        } else if (key.endsWith("=") || key.endsWith(":")) {
            key = key.substring(0, key.length() - 1).strip();
        }
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1);
        }
        return key.contains(" ") || key.contains("\"") ? "" : key;
    }

    /** The path of the key on line {@code n}: its enclosing objects and the first key on the line; null if none. */
    private static String keyPath(List<String> lines, int n) {
        if (n < 1 || n > lines.size()) {
            return null;
        }
        Matcher m = FIRST_KEY.matcher(lines.get(n - 1));
        String parent = pathBefore(lines, n);
        if (!m.find()) {
            return parent.isEmpty() ? null : parent;
        }
        String key = m.group(1);
        if (key.startsWith("\"")) {
            key = key.substring(1, key.length() - 1);
        }
        return joinKey(parent, key);
    }

    /** The path of the innermost bracket open at the start of line {@code n}. */
    private static String pathBefore(List<String> lines, int n) {
        Scan s = scan(lines.subList(0, Math.min(n - 1, lines.size())));
        return s.open.isEmpty() ? "" : s.open.peek().path();
    }

    private static String joinKey(String parent, String key) {
        if (key.isEmpty()) {
            return parent;
        }
        if (parent.isEmpty() || key.startsWith("[")) {
            return parent + key;
        }
        return parent + "." + key;
    }

    private static int previousSignificant(List<String> lines, int line) {
        for (int n = Math.min(line, lines.size() + 1) - 1; n >= 1; n--) {
            String t = withoutComment(lines.get(n - 1)).strip();
            if (!t.isEmpty()) {
                return n;
            }
        }
        return -1;
    }

    private static boolean endsWithAssignment(String text) {
        String t = withoutComment(text).strip();
        return t.endsWith("=") || t.endsWith(":");
    }

    private static String assignment(String text) {
        String t = withoutComment(text).strip();
        return t.endsWith("+=") ? "+=" : t.substring(t.length() - 1);
    }

    private static String withoutComment(String text) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                i = endOfString(text, i);
            } else if (c == '#' || c == '/' && text.startsWith("//", i)) {
                return text.substring(0, i);
            } else {
                i++;
            }
        }
        return text;
    }

    private static int indent(List<String> lines, int n) {
        String text = lines.get(n - 1);
        int col = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ') {
                col++;
            } else if (c == '\t') {
                col = (col / 8 + 1) * 8;
            } else {
                break;
            }
        }
        return col;
    }

    private static char close(char open) {
        return open == '{' ? '}' : ']';
    }

    private static char other(char open) {
        return open == '{' ? ']' : '}';
    }
}
