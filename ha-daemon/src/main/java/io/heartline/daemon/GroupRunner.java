package io.heartline.daemon;

import io.heartline.core.config.GroupConfig;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.membership.Event;
import io.heartline.takeover.Takeover;
import io.heartline.takeover.TakeoverException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out StartGroup / StopGroup off the event loop, one at a time and in order, and posts
 * the outcome back as an event. For now a group's resources are its VIPs (claimed with
 * gratuitous ARP); the resource manager plugs in here.
 */
final class GroupRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupRunner.class);
    private final HeartlineConfig config;
    private final Takeover takeover;
    private final EventLoop loop;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "heartline-groups"));

    GroupRunner(HeartlineConfig config, Takeover takeover, EventLoop loop) {
        this.config = config;
        this.takeover = takeover;
        this.loop = loop;
    }

    void start(String group, long epoch) {
        GroupConfig g = config.group(group).orElseThrow();
        worker.execute(() -> {
            try {
                takeover.claim(g.vips());
                log.info("({}) VIPs up for epoch {}: {}", group, epoch, g.vips());
                loop.post(at -> new Event.GroupStarted(at, group, true, g.vips().size() + " VIP(s) up"));
            } catch (TakeoverException | RuntimeException e) {
                log.error("({}) start failed: {}", group, e.getMessage());
                loop.post(at -> new Event.GroupStarted(at, group, false, e.getMessage()));
            }
        });
    }

    void stop(String group) {
        GroupConfig g = config.group(group).orElseThrow();
        worker.execute(() -> {
            try {
                int removed = takeover.release(g.vips());
                log.info("({}) VIPs down: {} removed", group, removed);
                loop.post(at -> new Event.GroupStopped(at, group, true, removed + " VIP(s) removed"));
            } catch (TakeoverException | RuntimeException e) {
                log.error("({}) stop failed: {}", group, e.getMessage());
                loop.post(at -> new Event.GroupStopped(at, group, false, e.getMessage()));
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        worker.shutdown();
        if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
            log.warn("group worker still busy after 10 s; stopping it");
            worker.shutdownNow();
        }
    }
}
