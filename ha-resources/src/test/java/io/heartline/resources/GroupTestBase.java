package io.heartline.resources;

import io.heartline.core.VirtualScheduler;

import io.heartline.core.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A group of {@link FakeResource}s under a {@link GroupManager} on a {@link VirtualScheduler}. */
abstract class GroupTestBase {
    final ManualClock clock = new ManualClock();
    final VirtualScheduler scheduler = new VirtualScheduler(clock);
    final List<String> journal = new ArrayList<>();
    final RecordingListener listener = new RecordingListener();
    final Map<String, FakeResource> fakes = new LinkedHashMap<>();
    GroupManager manager;

    /** Monitor every 10 s (timeout 5 s), restart up to 3 times within 5 minutes. */
    static final ResourcePolicy POLICY = new ResourcePolicy(Duration.ofSeconds(20), Duration.ofSeconds(20),
            Duration.ofSeconds(10), Duration.ofSeconds(5), OnFail.restart(3, Duration.ofMinutes(5)));

    GroupManager group(String... names) {
        return group(POLICY, names);
    }

    GroupManager group(ResourcePolicy policy, String... names) {
        ResourceGroup.Builder b = ResourceGroup.builder("web");
        for (String n : names) {
            FakeResource f = new FakeResource(n, clock, journal);
            fakes.put(n, f);
            b.add(f, policy);
        }
        manager = new GroupManager(b.build(), scheduler, clock, listener);
        return manager;
    }

    FakeResource fake(String name) {
        return fakes.get(name);
    }

    <T> T run(CompletableFuture<T> f) {
        scheduler.runDue();
        if (!f.isDone()) {
            throw new AssertionError("the operation did not complete on the scheduler");
        }
        return f.join();
    }

    ResourceStatus status(String name) {
        return manager.status().resource(name).orElseThrow();
    }

    ResourceState state(String name) {
        return status(name).state();
    }
}
