package io.heartline.cluster;

import static io.heartline.cluster.LabSmokeIT.assertNoNamespaces;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.testkit.Ip;
import io.heartline.testkit.Shell;
import io.heartline.testkit.Timing;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A lab is torn down however the test ends: failure, exception, or an interrupted JVM. */
@Tag("cluster")
class LabTeardownIT {

    @Test
    void failedTestIsReportedAndTornDown() {
        LabExtension extension = new LabExtension();
        Lab lab = extension.create(b -> b.nodes("node-a", "node-b").client("client"));
        LabProcess sleeper = lab.start("node-a", ProcessSpec.of("sleeper", "sleep", "600"));
        AssertionError failure = assertThrows(AssertionError.class, () -> {
            throw new AssertionError("simulated failing test body");
        });

        extension.afterTest(failure);

        assertFalse(sleeper.isAlive(), "process started in the lab still alive");
        assertFalse(ProcessHandle.of(sleeper.pid()).map(ProcessHandle::isAlive).orElse(false));
        assertNoNamespaces(lab.prefix());
        assertTrue(Files.exists(lab.logDir().resolve("failure-state.txt")));
        assertTrue(lab.teardownTime().isPresent());
    }

    @Test
    void exceptionInsideTryWithResourcesTearsDown() {
        List<Lab> built = new ArrayList<>();
        List<LabProcess> started = new ArrayList<>();
        assertThrows(IllegalStateException.class, () -> {
            try (Lab lab = Lab.builder("exceptionInsideTry").nodes("node-a").build()) {
                built.add(lab);
                started.add(lab.start("node-a", ProcessSpec.of("sleeper", "sleep", "600")));
                throw new IllegalStateException("boom");
            }
        });
        assertFalse(started.get(0).isAlive());
        assertNoNamespaces(built.get(0).prefix());
        assertFalse(LabRegistry.open().contains(built.get(0)));
    }

    @Test
    void failedBuildCleansUpWhatItMade() {
        // "lo" exists in every namespace: the second cable fails after the namespaces were made.
        LabBuilder builder = Lab.builder("failedBuild").network(new Network("bad", "lo", "10.79.0", true))
                .nodes("node-a").client("client");
        Shell.ShellException failure = assertThrows(Shell.ShellException.class, builder::build);
        assertTrue(failure.getMessage().contains("veth"), failure.getMessage());
        assertTrue(LabRegistry.open().isEmpty(), LabRegistry.open().toString());
        assertNoNamespaces("hl" + ProcessHandle.current().pid() + "x");
    }

    @Test
    void shutdownHookTearsDownWhenTheJvmIsInterrupted() throws Exception {
        Process child = new ProcessBuilder(JavaCommand.ofTool(LabHookMain.class)) // it uses the testkit's Shell
                .redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        Thread reader = new Thread(() -> collect(child, output), "hook-main-output");
        reader.setDaemon(true);
        reader.start();
        String prefix = null;
        long sleeperPid = -1;
        try {
            String ready = await("READY from LabHookMain").atMost(Timing.scaled(Duration.ofSeconds(20)))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> firstReady(output, child), Optional::isPresent).orElseThrow();
            String[] words = ready.split(" ");
            prefix = words[1];
            sleeperPid = Long.parseLong(words[2]);
            assertFalse(Ip.netnsList().stream().filter(ns -> ns.startsWith(words[1])).toList().isEmpty());

            // SIGTERM through the handle (Process.destroy() would close our end of its output too).
            child.toHandle().destroy();
            assertTrue(child.waitFor(Timing.scaled(Duration.ofSeconds(20)).toMillis(), TimeUnit.MILLISECONDS),
                    "LabHookMain did not exit");
            reader.join(Timing.scaled(Duration.ofSeconds(5)).toMillis());

            assertNoNamespaces(prefix);
            assertFalse(ProcessHandle.of(sleeperPid).map(ProcessHandle::isAlive).orElse(false),
                    "the process started in the lab survived: " + snapshot(output));
            assertTrue(snapshot(output).stream().anyMatch(l -> l.contains("closing lab " + words[1])), snapshot(output).toString());
        } finally {
            // Whatever happened above, leave nothing of the child's lab behind.
            if (child.isAlive()) {
                child.destroyForcibly();
                child.waitFor(5, TimeUnit.SECONDS);
            }
            if (sleeperPid > 0) {
                ProcessHandle.of(sleeperPid).ifPresent(ProcessHandle::destroyForcibly);
            }
            if (prefix != null) {
                for (String ns : Ip.netnsList()) {
                    if (ns.startsWith(prefix)) {
                        Ip.netnsDel(ns);
                    }
                }
            }
        }
        assertEquals(143, child.exitValue(), "exit status of a JVM ended by SIGTERM");
    }

    private static Optional<String> firstReady(List<String> output, Process child) {
        List<String> lines = snapshot(output);
        if (!child.isAlive()) {
            throw new IllegalStateException("LabHookMain exited " + child.exitValue() + ": " + lines);
        }
        return lines.stream().filter(l -> l.startsWith("READY ")).findFirst();
    }

    private static List<String> snapshot(List<String> output) {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    private static void collect(Process child, List<String> output) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (output) {
                    output.add(line);
                }
            }
        } catch (IOException e) {
            // the child is gone
        }
    }
}
