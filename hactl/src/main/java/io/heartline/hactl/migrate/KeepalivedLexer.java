package io.heartline.hactl.migrate;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits keepalived.conf text into words, braces and line ends. Comments start with {@code #} or
 * {@code !} anywhere outside quotes; a quoted string is one word; braces are tokens of their own
 * even when written against a word. Lines keepalived reads only under a config id ({@code @id ...}),
 * parameter definitions ({@code $NAME=...}) and sequences ({@code ~SEQ}) are left out and reported.
 */
final class KeepalivedLexer {
    /** A word (quotes removed), an opening or closing brace, or the end of a line. */
    enum Type { WORD, OPEN, CLOSE, EOL }

    record Token(Type type, String text, Origin origin) {
    }

    private KeepalivedLexer() {
    }

    static List<Token> lex(SourceText text, ImportReport report) {
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < text.lines().size(); i++) {
            String line = text.lines().get(i);
            Origin origin = new Origin(text.name(), i + 1, line);
            String t = line.strip();
            if (t.startsWith("@")) {
                String id = t.split("\\s+", 2)[0].substring(1);
                report.notMapped(origin, "a line for keepalived's config id '" + id + "' (keepalived -i): one heartline.conf"
                        + " serves every node, so the line is left out");
                continue;
            }
            if (t.startsWith("$") && t.contains("=")) {
                report.notMapped(origin, "keepalived parameter definitions are not expanded: write the values out");
                continue;
            }
            if (t.startsWith("~SEQ")) {
                report.notMapped(origin, "keepalived sequences are not expanded: write the lines out");
                continue;
            }
            int before = out.size();
            lexLine(line, origin, out);
            if (out.size() > before) {
                out.add(new Token(Type.EOL, "", origin));
            }
        }
        return out;
    }

    private static void lexLine(String line, Origin origin, List<Token> out) {
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == '#' || c == '!') {
                return;
            }
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '{') {
                out.add(new Token(Type.OPEN, "{", origin));
                i++;
            } else if (c == '}') {
                out.add(new Token(Type.CLOSE, "}", origin));
                i++;
            } else if (c == '"') {
                int end = line.indexOf('"', i + 1);
                String word = end < 0 ? line.substring(i + 1) : line.substring(i + 1, end);
                out.add(new Token(Type.WORD, word, origin));
                i = end < 0 ? n : end + 1;
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(line.charAt(i)) && "{}\"#!".indexOf(line.charAt(i)) < 0) {
                    i++;
                }
                out.add(new Token(Type.WORD, line.substring(start, i), origin));
            }
        }
    }
}
