package io.heartline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.testkit.Shell;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped alerting rules, {@code etc/prometheus/heartline-rules.yml}, checked by Prometheus's
 * own {@code promtool} (Debian's {@code prometheus} package, installed by {@code scripts/install-deps}):
 * {@code check rules} on the file as it is, {@code test rules} of its logic on synthetic series
 * ({@code prometheus/heartline-rules-test.yml}), and the distribution ships it unchanged (the
 * tarball in {@code etc/prometheus/}, the {@code .deb} in {@code /usr/share/heartline/prometheus/}).
 */
class PrometheusRulesTest {
    private static final Duration PROMTOOL = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private static Shell.Result promtool(Path workDir, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("sh", "-c",
                "command -v promtool >/dev/null || { echo 'promtool not found: run scripts/install-deps "
                        + "(Debian package prometheus)' >&2; exit 127; }; cd \"$0\" && exec promtool \"$@\"",
                workDir.toString()));
        command.addAll(List.of(args));
        return Shell.run(command, PROMTOOL);
    }

    @Test
    void promtoolChecksTheShippedRules() {
        Path rules = PrometheusRules.source();
        Shell.Result r = promtool(rules.getParent(), "check", "rules", rules.getFileName().toString());
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        int alerts = PrometheusRules.alerts(PrometheusRules.text(rules)).size();
        assertTrue(r.stdout().contains("SUCCESS: " + alerts + " rules found"), r.stdout());
        assertTrue(alerts >= 7, "no owner, two owners, peer dead, link degraded, fence failed, takeover, alert delivery");
    }

    @Test
    void promtoolTestsTheRulesLogicOnSyntheticSeries() throws IOException {
        String rules = PrometheusRules.text(PrometheusRules.source());
        Files.writeString(dir.resolve(PrometheusRules.FILE_NAME), PrometheusRules.withoutAnnotations(rules));
        String tests;
        try (InputStream in = getClass().getResourceAsStream("prometheus/heartline-rules-test.yml")) {
            tests = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Files.writeString(dir.resolve("heartline-rules-test.yml"), tests);
        for (String alert : PrometheusRules.alerts(rules)) {
            assertTrue(tests.contains("alertname: " + alert + "\n        exp_alerts:\n          - exp_labels:"),
                    "the synthetic tests see " + alert + " fire");
        }
        Shell.Result r = promtool(dir, "test", "rules", "heartline-rules-test.yml");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("SUCCESS"), r.stdout());
    }

    @Test
    void theRulesReadOnlyHeartlineMetricsAndAreShippedUnchanged() throws IOException {
        Set<String> metrics = PrometheusRules.metrics(PrometheusRules.text(PrometheusRules.source()));
        assertTrue(metrics.containsAll(Set.of("heartline_group_state", "heartline_peer_alive", "heartline_link_up",
                "heartline_fences_total", "heartline_takeovers_total", "heartline_alert_attempts_total",
                "heartline_alerts_total")), metrics.toString());
        assertEquals(Files.readString(PrometheusRules.source()), Files.readString(PrometheusRules.shipped()),
                "dist/target/heartline/etc/prometheus (and the tarball) ship the file as it is; build dist first");
        Path deb;
        try (var files = Files.list(Path.of("..", "dist", "target"))) {
            deb = files.filter(p -> p.getFileName().toString().matches("heartline_.*_all\\.deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("no .deb in dist/target: build dist first"));
        }
        Shell.Result contents = Shell.run(List.of("dpkg-deb", "--contents", deb.toString()), PROMTOOL);
        assertEquals(0, contents.exitCode(), contents.stderr());
        assertTrue(contents.stdout().contains(" ./usr/share/heartline/prometheus/" + PrometheusRules.FILE_NAME + "\n"),
                contents.stdout());
    }
}
