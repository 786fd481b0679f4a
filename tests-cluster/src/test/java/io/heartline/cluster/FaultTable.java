package io.heartline.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One table of the fault matrix: a scenario, its runs, and per run what the {@link Auditor} saw.
 * Printed to the console and written to {@code target/faults/CLASS.txt} (the first table of a
 * class in this JVM replaces the file, later ones are appended).
 *
 * <pre>
 * | scenario | runs | runs with two holders (total ms) | of them running holders (total ms) | ending with none
 * | ending with two | ending with a stale holder | crashes | figures |
 *
 * "Running" holders are nodes whose daemon runs; a paused or killed daemon's node that still has
 * the VIP is a stale holder, counted apart. "Ending with none / two" count running holders.
 * </pre>
 */
final class FaultTable {
    private static final Set<Path> STARTED = new HashSet<>();

    private final String file;
    private final String scenario;
    private final List<String> notes = new ArrayList<>();
    private final List<AuditReport> runs = new ArrayList<>();
    private final List<String> runFigures = new ArrayList<>();
    private final Map<String, String> figures = new LinkedHashMap<>();

    /** A table for {@code scenario}, written to {@code target/faults/FILE.txt}. */
    FaultTable(String file, String scenario) {
        this.file = file;
        this.scenario = scenario;
    }

    /** A line under the title, e.g. why two holders cannot be avoided here. */
    FaultTable note(String text) {
        notes.add(text);
        return this;
    }

    /** One run, with the scenario's own figures for it. */
    void add(AuditReport report, String ownFigures) {
        runs.add(report);
        runFigures.add(ownFigures);
        System.out.println("[" + scenario + "] " + report.line() + (ownFigures.isEmpty() ? "" : "; " + ownFigures));
    }

    /** A figure of the whole scenario (e.g. the longest release after SIGCONT). */
    void figure(String name, Object value) {
        figures.put(name, String.valueOf(value));
    }

    int runs() {
        return runs.size();
    }

    long runsWithTwoHolders() {
        return runs.stream().filter(r -> !r.twoHolders().isEmpty()).count();
    }

    long runsWithTwoRunningHolders() {
        return runs.stream().filter(r -> !r.twoRunningHolders().isEmpty()).count();
    }

    long runsEndingWithNone() {
        return runs.stream().filter(AuditReport::endsWithNone).count();
    }

    long runsEndingWithTwo() {
        return runs.stream().filter(AuditReport::endsWithTwo).count();
    }

    long crashes() {
        return runs.stream().mapToLong(r -> r.crashes().size()).sum();
    }

    String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("== ").append(scenario).append(" ==\n");
        notes.forEach(n -> sb.append(n).append('\n'));
        sb.append("| scenario | runs | runs with two holders (total ms) | of them running holders (total ms) "
                + "| ending with none | ending with two | ending with a stale holder | crashes | figures |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        long twoMs = runs.stream().mapToLong(AuditReport::twoHoldersMillis).sum();
        long runningMs = runs.stream().mapToLong(AuditReport::twoRunningHoldersMillis).sum();
        StringBuilder figs = new StringBuilder();
        figures.forEach((k, v) -> figs.append(figs.length() == 0 ? "" : "; ").append(k).append(' ').append(v));
        sb.append(String.format("| %s | %d | %d (%d) | %d (%d) | %d | %d | %d | %d | %s |%n", scenario, runs(), runsWithTwoHolders(),
                twoMs, runsWithTwoRunningHolders(), runningMs, runsEndingWithNone(), runsEndingWithTwo(),
                runs.stream().filter(AuditReport::endsWithAStaleHolder).count(), crashes(), figs));
        for (int i = 0; i < runs.size(); i++) {
            sb.append("  ").append(runs.get(i).line());
            if (!runFigures.get(i).isEmpty()) {
                sb.append("; ").append(runFigures.get(i));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Prints the table and writes it to {@code target/faults/FILE.txt}. */
    void print() {
        String text = render();
        System.out.print(text);
        append(file, text + "\n");
    }

    /** Appends {@code text} to {@code target/faults/FILE.txt} (the first write in this JVM replaces it). */
    static synchronized void append(String file, String text) {
        Path path = dir().resolve(file + ".txt");
        try {
            Files.createDirectories(path.getParent());
            boolean first = STARTED.add(path);
            Files.writeString(path, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    first ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    /** {@code target/faults} of this module. */
    static Path dir() {
        String classes = System.getProperty("heartline.test.classes", "").trim();
        if (!classes.isEmpty() && Path.of(classes).toAbsolutePath().getParent() != null) {
            return Path.of(classes).toAbsolutePath().getParent().resolve("faults");
        }
        return Path.of("target", "faults").toAbsolutePath();
    }
}
