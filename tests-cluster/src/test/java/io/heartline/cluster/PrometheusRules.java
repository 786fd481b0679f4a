package io.heartline.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shipped alerting rules, {@code etc/prometheus/heartline-rules.yml}, read as text. */
final class PrometheusRules {
    static final String FILE_NAME = "heartline-rules.yml";
    private static final Pattern ALERT = Pattern.compile("^\\s*- alert: (\\w+)\\s*$", Pattern.MULTILINE);
    private static final Pattern METRIC = Pattern.compile("\\bheartline_[a-z_]+\\b");

    private PrometheusRules() {
    }

    /** The file in the source tree (tests run in their module's directory). */
    static Path source() {
        return Path.of("..", "etc", "prometheus", FILE_NAME).toAbsolutePath().normalize();
    }

    /** The file as the distribution ships it. */
    static Path shipped() {
        return Path.of(System.getProperty("heartline.home", "../dist/target/heartline"), "etc", "prometheus", FILE_NAME)
                .toAbsolutePath().normalize();
    }

    static String text(Path rules) {
        try {
            return Files.readString(rules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The alerts' names, in order. */
    static List<String> alerts(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = ALERT.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Every Heartline metric the rules read (outside comments and annotations). */
    static Set<String> metrics(String text) {
        Set<String> out = new TreeSet<>();
        for (String line : withoutAnnotations(text).split("\n")) {
            if (!line.strip().startsWith("#")) {
                Matcher m = METRIC.matcher(line);
                while (m.find()) {
                    out.add(m.group());
                }
            }
        }
        return out;
    }

    /** The rules without their {@code annotations:} blocks: what {@code promtool test rules} compares is then labels only. */
    static String withoutAnnotations(String text) {
        StringBuilder out = new StringBuilder();
        int skipDeeperThan = -1;
        for (String line : text.split("\n", -1)) {
            int indent = line.length() - line.stripLeading().length();
            if (skipDeeperThan >= 0) {
                if (line.isBlank() || indent > skipDeeperThan) {
                    continue;
                }
                skipDeeperThan = -1;
            }
            if (line.strip().equals("annotations:")) {
                skipDeeperThan = indent;
                continue;
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }
}
