package io.heartline.cluster;

import com.fasterxml.jackson.jr.ob.JSON;
import io.heartline.testkit.Shell;
import io.heartline.testkit.Timing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Headless Chromium (Debian's {@code chromium}) in a lab host, driven over the Chrome DevTools
 * protocol on {@code --remote-debugging-pipe}: the browser reads commands on its fd 3 and writes
 * answers on fd 4, NUL-terminated JSON. The two pipes are FIFOs in the lab's work directory that
 * {@code sh} opens read-write for it (so neither side's open waits for the other), so no port is
 * opened anywhere and nothing leaves the host's namespace but the page requests themselves.
 *
 * <pre>{@code
 * Chromium chrome = Chromium.start(lab, "client");
 * Chromium.Page page = chrome.open("http://10.77.0.2:9680/status", 1280, 900, false);
 * page.evaluate("document.title");
 * page.screenshot(lab.logDir().resolve("page.png"));
 * }</pre>
 *
 * The lab kills the browser (and its renderers) with the lab; {@link #close()} asks it to quit first.
 */
final class Chromium implements AutoCloseable {
    static final Duration CALL = Duration.ofSeconds(30);

    private final Path dir;
    private final LabProcess process;
    private final FileChannel commands;
    private final FileChannel answers;
    private final Map<Long, CompletableFuture<Map<String, Object>>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Thread reader;

    private Chromium(Path dir, LabProcess process, FileChannel commands, FileChannel answers) {
        this.dir = dir;
        this.process = process;
        this.commands = commands;
        this.answers = answers;
        this.reader = new Thread(this::read, "cdp-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts Chromium in {@code host} with a fresh profile; it runs until the lab or {@link #close()} ends it. */
    static Chromium start(Lab lab, String host) {
        Path dir = Path.of("/tmp", lab.prefix() + "chromium");
        try {
            Files.createDirectories(dir.resolve("profile"));
            Path in = dir.resolve("cdp-in");
            Path out = dir.resolve("cdp-out");
            Shell.check("mkfifo", in.toString(), out.toString());
            String command = String.join(" ", List.of("exec", "chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-extensions", "--disable-default-apps", "--mute-audio",
                    "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile"), "--remote-debugging-pipe",
                    "about:blank", "3<>" + in, "4<>" + out));
            LabProcess p = lab.start(host, ProcessSpec.of("chromium", "sh", "-c", command)
                    .env("HOME", dir.toString()).stopTimeout(Duration.ofSeconds(5)));
            FileChannel commands = FileChannel.open(in, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileChannel answers = FileChannel.open(out, StandardOpenOption.READ, StandardOpenOption.WRITE);
            Chromium c = new Chromium(dir, p, commands, answers);
            lab.onClose(c);
            c.call(null, "Browser.getVersion", Map.of());
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads NUL-terminated answers and completes the calls that wait for them; events are not kept. */
    @SuppressWarnings("unchecked")
    private void read() {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        try {
            while (answers.read(buf.clear()) >= 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    byte b = buf.get();
                    if (b != 0) {
                        message.write(b);
                        continue;
                    }
                    Map<String, Object> m = JSON.std.mapFrom(message.toString(StandardCharsets.UTF_8));
                    message.reset();
                    if (m.get("id") instanceof Number id) {
                        CompletableFuture<Map<String, Object>> f = waiting.remove(id.longValue());
                        if (f != null) {
                            f.complete(m);
                        }
                    }
                }
            }
        } catch (ClosedChannelException e) {
            // closed by close()
        } catch (IOException e) {
            waiting.values().forEach(f -> f.completeExceptionally(e));
        }
    }

    /** One DevTools command ({@code sessionId} null: the browser itself); its {@code result}, or an AssertionError. */
    @SuppressWarnings("unchecked")
    Map<String, Object> call(String sessionId, String method, Map<String, Object> params) {
        long id = ids.incrementAndGet();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        if (sessionId != null) {
            m.put("sessionId", sessionId);
        }
        m.put("method", method);
        m.put("params", params);
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        try {
            byte[] bytes = JSON.std.asBytes(m);
            ByteBuffer out = ByteBuffer.allocate(bytes.length + 1).put(bytes).put((byte) 0).flip();
            synchronized (commands) {
                while (out.hasRemaining()) {
                    commands.write(out);
                }
            }
            Map<String, Object> got = answer.get(Timing.scaled(CALL).toMillis(), TimeUnit.MILLISECONDS);
            if (got.get("error") != null) {
                throw new AssertionError(method + " failed: " + got.get("error"));
            }
            return (Map<String, Object>) got.getOrDefault("result", Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TimeoutException e) {
            throw new AssertionError("Chromium did not answer " + method + " in " + Timing.scaled(CALL) + "; its output:\n"
                    + process.output(), e);
        } catch (ExecutionException e) {
            throw new AssertionError(method + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            waiting.remove(id);
        }
    }

    /** A new tab of {@code width} x {@code height} CSS pixels (a phone's when {@code mobile}) that loads {@code url}. */
    Page open(String url, int width, int height, boolean mobile) {
        String target = (String) call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId");
        String session = (String) call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .get("sessionId");
        Page page = new Page(session);
        page.viewport(width, height, mobile);
        call(session, "Page.enable", Map.of());
        Map<String, Object> nav = call(session, "Page.navigate", Map.of("url", url));
        if (nav.get("errorText") != null) {
            throw new AssertionError("Chromium could not load " + url + ": " + nav.get("errorText"));
        }
        return page;
    }

    /** One tab, attached in flat mode. */
    final class Page {
        private final String session;

        private Page(String session) {
            this.session = session;
        }

        void viewport(int width, int height, boolean mobile) {
            call(session, "Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                    "deviceScaleFactor", 1, "mobile", mobile));
        }

        /** The value of a JavaScript expression in the page (a promise is awaited); an exception fails the test. */
        @SuppressWarnings("unchecked")
        Object evaluate(String expression) {
            Map<String, Object> r = call(session, "Runtime.evaluate", Map.of("expression", expression,
                    "returnByValue", true, "awaitPromise", true));
            if (r.get("exceptionDetails") != null) {
                throw new AssertionError("the page threw on " + expression + ": " + r.get("exceptionDetails"));
            }
            return ((Map<String, Object>) r.get("result")).get("value");
        }

        /** A PNG of the whole page (beyond the viewport too) written to {@code file}. */
        @SuppressWarnings("unchecked")
        Path screenshot(Path file) {
            Map<String, Object> size = (Map<String, Object>) call(session, "Page.getLayoutMetrics", Map.of())
                    .get("cssContentSize");
            Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", size.get("width"), "height", size.get("height"),
                    "scale", 1);
            String data = (String) call(session, "Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true, "clip", clip)).get("data");
            try {
                Files.write(file, Base64.getDecoder().decode(data));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return file;
        }
    }

    /** Asks the browser to quit, stops reading, removes the profile and the pipes. */
    @Override
    public void close() throws IOException {
        try {
            if (process.isAlive()) {
                call(null, "Browser.close", Map.of());
                process.awaitExit(Timing.scaled(Duration.ofSeconds(10)));
            }
        } catch (AssertionError e) {
            // it is killed with the lab
        } finally {
            commands.close();
            answers.close();
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
