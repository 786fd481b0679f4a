package io.heartline.membership;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Model-checks the ownership protocol ({@code model/heartline.pml}) with SPIN, one dynamic test per
 * line of {@code model/configurations}: {@code spin -a}, {@code gcc}, then an exhaustive safety run
 * of {@code pan}. Each must report 0 errors; the states explored and the time are printed. A
 * counterexample fails the test with the trail replayed as one line per step (and the trail is kept
 * under target/spin/). Needs {@code spin} and {@code gcc} (scripts/install-deps): without them the
 * test fails, it is never skipped.
 */
@Tag("model")
class SpinModelTest {
    private static final Path MODEL = Path.of("..", "model").toAbsolutePath().normalize();
    private static final Pattern ERRORS = Pattern.compile("errors: (\\d+)");
    private static final Pattern STORED = Pattern.compile("(\\S+) states, stored");
    private static final Pattern DEPTH = Pattern.compile("depth reached (\\d+)");
    private static final Pattern ELAPSED = Pattern.compile("pan: elapsed time (\\S+) seconds");

    /** One line of model/configurations. */
    record Configuration(String name, List<String> defines, List<String> panOptions) {
        static Configuration parse(String line) {
            String[] parts = line.split("\\|");
            if (parts.length != 3) {
                throw new IllegalArgumentException("model/configurations: expected 'name | spin options | pan options': " + line);
            }
            return new Configuration(parts[0].strip(), words(parts[1]), words(parts[2]));
        }

        private static List<String> words(String s) {
            return s.isBlank() ? List.of() : Arrays.asList(s.strip().split("\\s+"));
        }
    }

    /**
     * Starts every configuration at once, two at a time (pan is single-threaded and the suite runs
     * one module at a time), and reports each as a test of its own when it is done.
     */
    @TestFactory
    Stream<DynamicTest> everyConfigurationIsSafe() throws IOException {
        List<Configuration> configurations = Files.readAllLines(MODEL.resolve("configurations")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).map(Configuration::parse).toList();
        assertTrue(configurations.size() >= 2, "model/configurations lists the 2- and 3-node runs");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Object>> runs = configurations.stream().map(c -> pool.submit(() -> {
            check(c);
            return null;
        })).toList();
        pool.shutdown();
        return java.util.stream.IntStream.range(0, configurations.size()).mapToObj(i ->
                DynamicTest.dynamicTest(configurations.get(i).name(), () -> {
                    try {
                        runs.get(i).get();
                    } catch (ExecutionException e) {
                        throw e.getCause();
                    }
                }));
    }

    private static void check(Configuration c) throws Exception {
        Path dir = Path.of("target", "spin", c.name()).toAbsolutePath();
        Files.createDirectories(dir);
        Files.copy(MODEL.resolve("heartline.pml"), dir.resolve("heartline.pml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(dir.resolve("heartline.pml.trail"));
        long t0 = System.nanoTime();
        List<String> spin = new ArrayList<>(List.of("spin", "-a"));
        spin.addAll(c.defines());
        spin.add("heartline.pml");
        run(dir, spin, 120);
        run(dir, List.of("gcc", "-O2", "-w", "-DSAFETY", "-DNOCLAIM", "-DNOREDUCE", "-o", "pan", "pan.c"), 300);
        List<String> pan = new ArrayList<>(List.of("./pan"));
        pan.addAll(c.panOptions());
        String out = run(dir, pan, 1800);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        String errors = find(ERRORS, out);
        System.out.printf("SPIN %-26s %14s states stored, depth %6s, errors %s, %s s in pan, %d s in all%n", c.name(),
                find(STORED, out), find(DEPTH, out), errors, find(ELAPSED, out), seconds);
        if (Files.exists(dir.resolve("heartline.pml.trail"))) {
            fail(c.name() + ": SPIN found a counterexample (trail kept in " + dir + "):\n" + replay(dir, c));
        }
        assertTrue(out.contains("Full statespace search"), c.name() + ": pan did not run a full search:\n" + out);
        assertEquals("0", errors, c.name() + ": pan reported errors:\n" + out);
    }

    /** The trail as the model's own MODEL lines, one per step. */
    private static String replay(Path dir, Configuration c) throws Exception {
        List<String> spin = new ArrayList<>(List.of("spin", "-t"));
        spin.addAll(c.defines());
        spin.add("heartline.pml");
        StringBuilder sb = new StringBuilder();
        for (String l : run(dir, spin, 600).split("\n")) {
            if (l.strip().startsWith("MODEL ")) {
                sb.append(l.strip().substring(6)).append('\n');
            }
        }
        return sb.toString();
    }

    private static String find(Pattern p, String out) {
        Matcher m = p.matcher(out);
        return m.find() ? m.group(1) : "?";
    }

    private static String run(Path dir, List<String> command, long timeoutSeconds) throws Exception {
        Path log = Files.createTempFile(dir, command.get(0).replace("./", ""), ".out");
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command.get(0) + " (scripts/install-deps installs spin and gcc): "
                    + e.getMessage(), e);
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0 && !command.get(0).equals("./pan")) {
            fail(String.join(" ", command) + " exited with " + p.exitValue() + ":\n" + out);
        }
        return out;
    }
}
