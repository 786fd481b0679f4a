package io.heartline.notify;

import io.heartline.core.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

/**
 * Sends alerts to every channel whose filter accepts them, asynchronously: {@link #submit}
 * never blocks and never throws for a channel's trouble. Each channel has a bounded queue, its
 * own serial worker, retries with exponential backoff up to a give-up limit, and a rate limit
 * that turns a burst into one summary message per window (see {@link DeliveryPolicy}).
 *
 * <pre>{@code
 * Notifier n = Notifier.builder().node("node-b")
 *         .channel(new SmsConfig(...)).channel(new SmtpConfig(...))
 *         .listener(journal::alertAttempt).build();
 * n.submit(alert);                    // from the event loop: returns at once
 * n.test("sms").get();                // hactl notify test sms
 * n.status();                         // hactl status
 * }</pre>
 *
 * Timers run on the injected {@link ScheduledExecutorService} and time is read from the
 * injected {@link Clock}: tests pass a virtual scheduler for both timers and workers.
 */
public final class Notifier implements AutoCloseable {
    private final String node;
    private final Clock clock;
    private final Map<String, ChannelWorker> channels;
    private final List<ExecutorService> owned;

    private Notifier(Builder b, Map<String, ChannelWorker> channels, List<ExecutorService> owned) {
        this.node = b.node;
        this.clock = b.clock;
        this.channels = Collections.unmodifiableMap(channels);
        this.owned = owned;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Queues the alert on every channel that wants it. Never blocks. */
    public void submit(Alert alert) {
        Objects.requireNonNull(alert, "alert");
        for (ChannelWorker w : channels.values()) {
            w.submit(alert);
        }
    }

    /**
     * Sends a test alert on one channel, whatever its filter and rate limit say
     * ({@code hactl notify test}).
     *
     * @return completes with the alert's terminal outcome: DELIVERED, REJECTED, GAVE_UP or DROPPED
     * @throws IllegalArgumentException if there is no such channel
     */
    public CompletableFuture<DeliveryOutcome> test(String channelName) {
        ChannelWorker w = channels.get(channelName);
        if (w == null) {
            throw new IllegalArgumentException("no alert channel '" + channelName + "' (channels: "
                    + String.join(", ", channels.keySet()) + ")");
        }
        return w.submitBypassing(Alert.test(node, clock.wallTime()));
    }

    /** The channels' names, in configuration order. */
    public List<String> channelNames() {
        return List.copyOf(channels.keySet());
    }

    /** A snapshot of every channel, in configuration order. */
    public List<ChannelStatus> status() {
        List<ChannelStatus> all = new ArrayList<>();
        channels.values().forEach(w -> all.add(w.status()));
        return all;
    }

    /**
     * Waits (on the calling thread, never the event loop's) until every channel has delivered,
     * rejected or given up everything queued, or the timeout passes: for a clean shutdown that
     * still sends {@code daemon-stop}. Alerts held by a rate limit are not waited for.
     *
     * @return true if all channels are idle
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = clock.monotonicNanos() + timeout.toNanos();
        for (ChannelWorker w : channels.values()) {
            if (!w.awaitIdle(deadline)) {
                return false;
            }
        }
        return true;
    }

    /** Stops every channel: queued alerts are dropped; executors the notifier created are shut down. */
    @Override
    public void close() {
        channels.values().forEach(ChannelWorker::close);
        owned.forEach(ExecutorService::shutdownNow);
    }

    /** Builds a {@link Notifier}; only {@link #node} is required. */
    public static final class Builder {
        private String node;
        private Clock clock = Clock.system();
        private ScheduledExecutorService scheduler;
        private Function<String, Executor> workers;
        private DeliveryListener listener = DeliveryListener.NONE;
        private final List<ChannelSetup> setups = new ArrayList<>();

        private record ChannelSetup(AlertChannel channel, ChannelFilter filter, DeliveryPolicy policy) {
        }

        private Builder() {
        }

        /** The local node's name, used in test alerts. */
        public Builder node(String name) {
            this.node = name;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        /** Timers for backoff and rate windows; by default one daemon thread the notifier owns. */
        public Builder scheduler(ScheduledExecutorService s) {
            this.scheduler = Objects.requireNonNull(s);
            return this;
        }

        /**
         * The serial executor each channel delivers on, by channel name; by default one daemon
         * thread per channel, owned by the notifier. Must run one task at a time per channel.
         */
        public Builder workers(Function<String, Executor> perChannel) {
            this.workers = Objects.requireNonNull(perChannel);
            return this;
        }

        public Builder listener(DeliveryListener l) {
            this.listener = Objects.requireNonNull(l);
            return this;
        }

        /** Adds a configured channel, made by {@link ChannelFactory}. */
        public Builder channel(ChannelSpec spec) {
            return channel(ChannelFactory.create(spec), spec.filter(), spec.policy());
        }

        /** Adds a channel of any kind. */
        public Builder channel(AlertChannel channel, ChannelFilter filter, DeliveryPolicy policy) {
            setups.add(new ChannelSetup(Objects.requireNonNull(channel), Objects.requireNonNull(filter),
                    Objects.requireNonNull(policy)));
            return this;
        }

        public Notifier build() {
            if (node == null || node.isBlank()) {
                throw new IllegalStateException("the notifier needs the local node's name");
            }
            List<ExecutorService> owned = new ArrayList<>();
            ScheduledExecutorService timers = scheduler;
            if (timers == null) {
                timers = Executors.newSingleThreadScheduledExecutor(daemonThreads("heartline-alert-timer"));
                owned.add(timers);
            }
            Map<String, ChannelWorker> byName = new LinkedHashMap<>();
            for (ChannelSetup s : setups) {
                String name = s.channel().name();
                if (byName.containsKey(name)) {
                    throw new IllegalArgumentException("two alert channels named '" + name + "'");
                }
                Executor worker;
                if (workers != null) {
                    worker = workers.apply(name);
                } else {
                    ExecutorService own = Executors.newSingleThreadExecutor(daemonThreads("heartline-alert-" + name));
                    owned.add(own);
                    worker = own;
                }
                byName.put(name, new ChannelWorker(s.channel(), s.filter(), s.policy(), clock, timers, worker, listener));
            }
            return new Notifier(this, byName, owned);
        }

        private static ThreadFactory daemonThreads(String name) {
            return r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            };
        }
    }
}
