package io.heartline.notify;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a local script for each alert, like keepalived's {@code notify_master}/{@code notify_backup}:
 * {@code script KIND NODE GROUP} (GROUP empty when none) with {@code HEARTLINE_KIND},
 * {@code HEARTLINE_SEVERITY}, {@code HEARTLINE_NODE}, {@code HEARTLINE_GROUP},
 * {@code HEARTLINE_WHAT}, {@code HEARTLINE_CAUSE}, {@code HEARTLINE_TIME} (ISO-8601) and
 * {@code HEARTLINE_TEXT} (the SMS text) in its environment, stdin closed, stdout and stderr
 * kept for the failure message. Exit 0 is delivered; another exit is a temporary failure;
 * a script that cannot be run is permanent. At the timeout the script and every process it
 * started are killed.
 */
public final class ScriptChannel implements AlertChannel {
    private static final Logger log = LoggerFactory.getLogger(ScriptChannel.class);
    private static final int OUTPUT_TAIL = 400;

    private final ScriptConfig config;

    public ScriptChannel(ScriptConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return config.name();
    }

    /** The environment variables the script gets for this alert. */
    public static Map<String, String> environment(Alert a, int maxChars) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HEARTLINE_KIND", a.kind());
        env.put("HEARTLINE_SEVERITY", a.severity().name());
        env.put("HEARTLINE_NODE", a.node());
        env.put("HEARTLINE_GROUP", a.group() == null ? "" : a.group());
        env.put("HEARTLINE_WHAT", a.what());
        env.put("HEARTLINE_CAUSE", a.cause());
        env.put("HEARTLINE_TIME", a.time().toString());
        env.put("HEARTLINE_TEXT", AlertText.shortText(a, maxChars));
        return env;
    }

    @Override
    public void deliver(Alert alert) throws DeliveryException {
        Path script = config.script();
        if (!Files.isRegularFile(script) || !Files.isExecutable(script)) {
            throw DeliveryException.permanent("script " + script + " is not an executable file");
        }
        Path output = tempFile();
        try {
            ProcessBuilder pb = new ProcessBuilder(List.of(script.toString(), alert.kind(), alert.node(),
                    alert.group() == null ? "" : alert.group()));
            pb.environment().putAll(environment(alert, config.maxChars()));
            pb.redirectErrorStream(true);
            pb.redirectOutput(output.toFile());
            run(pb, output);
        } finally {
            delete(output);
        }
    }

    private void run(ProcessBuilder pb, Path output) throws DeliveryException {
        Process p;
        try {
            p = pb.start();
            p.getOutputStream().close();
        } catch (IOException e) {
            throw DeliveryException.permanent("script " + config.script() + " cannot be run: " + e.getMessage(), e);
        }
        try {
            if (!p.waitFor(config.timeout().toNanos(), TimeUnit.NANOSECONDS)) {
                killTree(p);
                throw DeliveryException.temporary("script " + config.script() + " timed out after "
                        + RateWindow.human(config.timeout()) + ", killed with its children" + tail(output));
            }
        } catch (InterruptedException e) {
            killTree(p);
            Thread.currentThread().interrupt();
            throw DeliveryException.temporary("script " + config.script() + " interrupted", e);
        }
        int code = p.exitValue();
        if (code != 0) {
            throw DeliveryException.temporary("script " + config.script() + " exited " + code + tail(output));
        }
        log.debug("script channel {}: {} ok{}", name(), config.script(), tail(output));
    }

    /** Kills the process and everything it started (the tree is read before the parent dies). */
    static void killTree(Process p) {
        List<ProcessHandle> tree = p.descendants().toList();
        p.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path tempFile() throws DeliveryException {
        try {
            return Files.createTempFile("heartline-notify-", ".out");
        } catch (IOException e) {
            throw DeliveryException.temporary("cannot create a file for the script's output: " + e.getMessage(), e);
        }
    }

    /** The end of what the script printed, on one line, or nothing. */
    private static String tail(Path output) {
        try (RandomAccessFile f = new RandomAccessFile(output.toFile(), "r")) {
            long start = Math.max(0, f.length() - OUTPUT_TAIL);
            byte[] bytes = new byte[(int) (f.length() - start)];
            f.seek(start);
            f.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
            return text.isEmpty() ? "" : ": " + (start > 0 ? "..." : "") + text;
        } catch (IOException e) {
            return "";
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.debug("cannot delete {}", p, e);
        }
    }
}
