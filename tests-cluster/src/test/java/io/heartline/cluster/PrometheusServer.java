package io.heartline.cluster;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.jr.ob.JSON;
import io.heartline.testkit.Shell;
import io.heartline.testkit.Timing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (Debian's {@code prometheus}) in a lab host: a generated config that
 * scrapes the given targets every second and evaluates the given rule file every second, storage
 * in a directory of its own that goes with the lab, the HTTP API on the host's loopback, asked
 * with {@code curl} inside the host (the test's own namespace cannot reach it).
 */
final class PrometheusServer {
    static final String API = "http://127.0.0.1:9090";

    private final Lab lab;
    private final String host;
    private final LabProcess process;

    private PrometheusServer(Lab lab, String host, LabProcess process) {
        this.lab = lab;
        this.host = host;
        this.process = process;
    }

    /** Starts Prometheus in {@code host}, job {@code job} scraping {@code targets} (host:port), and waits until it is ready. */
    static PrometheusServer start(Lab lab, String host, String job, List<String> targets, Path rules) {
        Path dir = Path.of("/tmp", lab.prefix() + "prometheus");
        try {
            Files.createDirectories(dir.resolve("data"));
            lab.afterStop(() -> {
                try (var paths = Files.walk(dir)) {
                    for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            });
            String quoted = String.join(", ", targets.stream().map(t -> "\"" + t + "\"").toList());
            Files.writeString(dir.resolve("prometheus.yml"), """
                    global:
                      scrape_interval: 1s
                      scrape_timeout: 1s
                      evaluation_interval: 1s
                    rule_files:
                      - "%s"
                    scrape_configs:
                      - job_name: %s
                        static_configs:
                          - targets: [%s]
                    """.formatted(rules, job, quoted));
            Files.copy(dir.resolve("prometheus.yml"), lab.logDir().resolve("prometheus.yml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LabProcess p = lab.start(host, ProcessSpec.of("prometheus", "prometheus",
                "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("data"),
                "--storage.tsdb.retention.time=1h", "--web.listen-address=127.0.0.1:9090", "--log.level=warn")
                .stopTimeout(Duration.ofSeconds(10)));
        PrometheusServer server = new PrometheusServer(lab, host, p);
        await("Prometheus is ready").atMost(Timing.scaled(Duration.ofSeconds(30))).pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> {
                    if (!p.isAlive()) {
                        throw new AssertionError("prometheus exited:\n" + p.output());
                    }
                    return lab.tryExec(host, "curl", "-sf", "--max-time", "2", API + "/-/ready").exitCode() == 0;
                });
        return server;
    }

    /** {@code GET path} with {@code params} URL-encoded, answered {@code "status":"success"}; its {@code data}. */
    private Object get(String path, String... params) {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "5", "-G", API + path));
        for (String param : params) {
            cmd.add("--data-urlencode");
            cmd.add(param);
        }
        Shell.Result r = lab.tryExec(host, cmd.toArray(String[]::new));
        if (r.exitCode() != 0) {
            throw new AssertionError("curl " + path + " in " + host + ": " + r.stderr() + "\nprometheus:\n" + process.output());
        }
        Map<String, Object> answer;
        try {
            answer = JSON.std.mapFrom(r.stdout());
        } catch (IOException e) {
            throw new AssertionError("Prometheus answered no JSON: " + r.stdout(), e);
        }
        if (!"success".equals(answer.get("status"))) {
            throw new AssertionError("Prometheus: " + answer);
        }
        return answer.get("data");
    }

    /** One sample of an instant query: its labels (with {@code __name__} when kept) and value. */
    record Sample(Map<String, Object> labels, double value) {
        String label(String name) {
            return (String) labels.get(name);
        }
    }

    /** The instant vector {@code promql} evaluates to now. */
    @SuppressWarnings("unchecked")
    List<Sample> query(String promql) {
        Map<String, Object> data = (Map<String, Object>) get("/api/v1/query", "query=" + promql);
        if (!"vector".equals(data.get("resultType"))) {
            throw new AssertionError(promql + " is a " + data.get("resultType") + ", not an instant vector");
        }
        List<Sample> out = new ArrayList<>();
        for (Object o : (List<Object>) data.get("result")) {
            Map<String, Object> s = (Map<String, Object>) o;
            out.add(new Sample((Map<String, Object>) s.get("metric"),
                    Double.parseDouble((String) ((List<Object>) s.get("value")).get(1))));
        }
        return out;
    }

    /** The alerts Prometheus holds now (pending and firing), each with labels, annotations and state. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> alerts() {
        return (List<Map<String, Object>>) ((Map<String, Object>) get("/api/v1/alerts")).get("alerts");
    }

    /** The firing alerts named {@code name} whose labels include every given pair. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> firing(String name, String... labels) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> a : alerts()) {
            Map<String, Object> l = (Map<String, Object>) a.get("labels");
            boolean match = name.equals(l.get("alertname")) && "firing".equals(a.get("state"));
            for (int i = 0; i + 1 < labels.length; i += 2) {
                match &= labels[i + 1].equals(l.get(labels[i]));
            }
            if (match) {
                out.add(a);
            }
        }
        return out;
    }

    /** The rule groups Prometheus loaded, as {@code /api/v1/rules} says. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> ruleGroups() {
        return (List<Map<String, Object>>) ((Map<String, Object>) get("/api/v1/rules")).get("groups");
    }
}
