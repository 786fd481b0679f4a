package io.heartline.hactl.migrate;

import java.util.ArrayList;
import java.util.List;

/**
 * heartbeat's {@code ha.cf}: one directive a line, its words after it, {@code #} to the end of the
 * line a comment. Order matters in ha.cf ({@code udpport} and {@code baud} before the media they
 * apply to), so the directives stay in file order.
 */
public record HaCf(List<Directive> directives) {
    /** One line: {@code bcast eth0 eth1}. */
    public record Directive(String name, List<String> args, Origin origin) {
        public String arg(int i) {
            return i < args.size() ? args.get(i) : null;
        }
    }

    public HaCf {
        directives = List.copyOf(directives);
    }

    static HaCf parse(SourceText text) {
        List<Directive> out = new ArrayList<>();
        for (int i = 0; i < text.lines().size(); i++) {
            String line = text.lines().get(i);
            int hash = line.indexOf('#');
            String[] words = (hash < 0 ? line : line.substring(0, hash)).strip().split("\\s+");
            if (words.length == 0 || words[0].isEmpty()) {
                continue;
            }
            out.add(new Directive(words[0], List.of(words).subList(1, words.length), new Origin(text.name(), i + 1, line)));
        }
        return new HaCf(out);
    }

    List<Directive> all(String name) {
        return directives.stream().filter(d -> d.name().equals(name)).toList();
    }

    /** The last directive of that name (later lines win in heartbeat), or null. */
    Directive last(String name) {
        List<Directive> all = all(name);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }
}
