package io.heartline.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A text with {@code ${name}} placeholders, checked when parsed (unknown names and unclosed
 * placeholders are errors) and rendered with an escaping function for the values.
 */
final class Template {
    /** Literal text, or a placeholder's name when {@code placeholder}. */
    private record Part(String text, boolean placeholder) {
    }

    private final List<Part> parts;

    private Template(List<Part> parts) {
        this.parts = parts;
    }

    static Template parse(String text, Set<String> allowed) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("${", i);
            if (open < 0) {
                parts.add(new Part(text.substring(i), false));
                break;
            }
            int close = text.indexOf('}', open + 2);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed placeholder at position " + open + " in: " + text);
            }
            String name = text.substring(open + 2, close);
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("unknown placeholder ${" + name + "} (known: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
            if (open > i) {
                parts.add(new Part(text.substring(i, open), false));
            }
            parts.add(new Part(name, true));
            i = close + 1;
        }
        return new Template(List.copyOf(parts));
    }

    /** The text with each placeholder replaced by its escaped value (missing values are empty). */
    String render(Map<String, String> values, UnaryOperator<String> escape) {
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            out.append(p.placeholder() ? escape.apply(values.getOrDefault(p.text(), "")) : p.text());
        }
        return out.toString();
    }

    /** JSON string escaping, without the surrounding quotes. */
    static String jsonEscape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
