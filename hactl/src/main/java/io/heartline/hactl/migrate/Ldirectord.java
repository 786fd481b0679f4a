package io.heartline.hactl.migrate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What an ldirectord.cf next to ha.cf says about the virtual services ldirectord manages, for the
 * report: its {@code virtual=} lines and their {@code real=} servers. ldirectord itself stays a
 * resource, so nothing here is mapped; it only tells the operator what keeps running.
 */
final class Ldirectord {
    private static final int MAX_LISTED = 20;

    private Ldirectord() {
    }

    /** {@code "; ldirectord.cf: virtual 192.168.0.200:80 (real 192.168.0.110:80, …)"}, or "" when the file is not there. */
    static String summary(Path dir, String config) {
        Path file = SourceText.find(dir, Path.of(config).getFileName() == null ? "ldirectord.cf" : Path.of(config).getFileName().toString());
        if (file == null || !Files.isRegularFile(file)) {
            return "";
        }
        SourceText text;
        try {
            text = SourceText.read(file, file.toString());
        } catch (ImportRefused e) {
            return "";
        }
        List<String> services = new ArrayList<>();
        List<String> reals = new ArrayList<>();
        for (String line : text.lines()) {
            String t = line.strip();
            if (t.startsWith("virtual=") || t.startsWith("virtual =")) {
                flush(services, reals);
                services.add("virtual " + t.substring(t.indexOf('=') + 1).strip());
            } else if ((t.startsWith("real=") || t.startsWith("real =")) && !services.isEmpty()) {
                reals.add(t.substring(t.indexOf('=') + 1).strip().split("\\s+")[0]);
            }
        }
        flush(services, reals);
        if (services.isEmpty()) {
            return "";
        }
        return "; " + file.getFileName() + ": " + String.join("; ", services.subList(0, Math.min(MAX_LISTED, services.size())));
    }

    private static void flush(List<String> services, List<String> reals) {
        if (!services.isEmpty() && !reals.isEmpty()) {
            int last = services.size() - 1;
            services.set(last, services.get(last) + " (real " + String.join(", ", reals.subList(0, Math.min(MAX_LISTED, reals.size()))) + ")");
        }
        reals.clear();
    }
}
