package io.heartline.hactl.migrate;

import java.util.ArrayList;
import java.util.List;

/**
 * heartbeat's {@code haresources}: each logical line (continued with a backslash) a resource group,
 * {@code NODE RESOURCE...}, where a resource is {@code NAME::ARG::ARG}, or an IP address for
 * {@code IPaddr::ADDRESS}.
 */
public record Haresources(List<Line> groups) {
    /** {@code name} with its arguments as written after {@code ::}. */
    public record Resource(String name, List<String> args, String text) {
    }

    public record Line(String node, List<Resource> resources, Origin origin) {
    }

    /** The most words a line may have; a longer one is cut (and reported). */
    static final int MAX_WORDS = 1000;

    public Haresources {
        groups = List.copyOf(groups);
    }

    static Haresources parse(SourceText text, ImportReport report) {
        List<Line> out = new ArrayList<>();
        StringBuilder logical = new StringBuilder();
        Origin start = null;
        for (int i = 0; i < text.lines().size(); i++) {
            String line = text.lines().get(i);
            int hash = line.indexOf('#');
            String content = hash < 0 ? line : line.substring(0, hash);
            if (start == null) {
                start = new Origin(text.name(), i + 1, line);
            }
            boolean continued = content.stripTrailing().endsWith("\\");
            logical.append(' ').append(continued ? content.stripTrailing().substring(0, content.stripTrailing().length() - 1) : content);
            if (continued && i + 1 < text.lines().size()) {
                continue;
            }
            String[] words = logical.toString().strip().split("\\s+");
            if (words.length > 0 && !words[0].isEmpty()) {
                if (words.length > MAX_WORDS) {
                    report.notMapped(start, "more than " + MAX_WORDS + " resources on one line: the rest is left out");
                }
                List<Resource> resources = new ArrayList<>();
                for (int w = 1; w < Math.min(words.length, MAX_WORDS); w++) {
                    resources.add(resource(words[w]));
                }
                // the whole logical line, continuations joined, is what the report shows
                out.add(new Line(words[0], resources, new Origin(start.file(), start.line(), String.join(" ", words))));
            }
            logical.setLength(0);
            start = null;
        }
        return new Haresources(out);
    }

    /** {@code Filesystem::/dev/sda1::/data::ext3}; {@code IPv6addr::2001:db8::1/64} keeps its colons. */
    private static Resource resource(String word) {
        int sep = word.indexOf("::");
        if (sep < 0) {
            return new Resource(word, List.of(), word);
        }
        String name = word.substring(0, sep);
        String rest = word.substring(sep + 2);
        if (name.equals("IPv6addr")) {
            return new Resource(name, List.of(rest), word);
        }
        return new Resource(name, List.of(rest.split("::", -1)), word);
    }
}
