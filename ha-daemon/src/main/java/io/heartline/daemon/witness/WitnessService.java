package io.heartline.daemon.witness;

import io.heartline.core.Clock;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.WitnessConfig;
import io.heartline.membership.Action;
import io.heartline.membership.Event;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decider's witness questions, carried out on ZooKeeper through Curator on one thread of its
 * own ({@code heartline-witness}), so nothing here ever blocks the event loop: {@link #ask} and
 * {@link #leave} only queue. Questions about one group coalesce (only the newest is answered: the
 * decider matches answers by epoch and asks again after deadtime); the queue holds at most one per
 * group. A question waits at most {@code connect-timeout} for a connection, then is answered
 * UNREACHABLE.
 *
 * <p>The session: connected at start, its state shown in status and metrics. The ensemble expires
 * a silent session {@code session-timeout} (T) after it last heard from us, no sooner; the
 * ZooKeeper client notices a silent connection within two thirds of T (SUSPENDED). If it is still
 * down a quarter of T later, this service counts the session lost ({@link Event.WitnessLost}):
 * at most 11/12 of T after the last contact, so the decider hears of it before the ensemble can
 * hand our locks to another node. (Curator's own LOST comes later, and counts too if it comes first.)
 */
public final class WitnessService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WitnessService.class);
    /** After SUSPENDED, this share of the session timeout passes before the session counts as lost. */
    static final int LOST_DIVISOR = 4;

    /** The session as status shows it. */
    public enum State { OFF, CONNECTING, CONNECTED, SUSPENDED, LOST, CLOSED }

    private record Pending(Action action, long at) {
    }

    private final WitnessConfig config;
    private final Clock clock;
    private final Consumer<LongFunction<Event>> post;
    private final CuratorFramework client;
    private final WitnessLock lock;
    private final ThreadPoolExecutor worker;
    private final ScheduledThreadPoolExecutor timer;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, Boolean> leaveLater = new ConcurrentHashMap<>();
    private final Map<String, Long> held = new ConcurrentHashMap<>();
    private final Map<Event.Witness, AtomicLong> answers = new ConcurrentHashMap<>();
    private final AtomicLong sessionsLost = new AtomicLong();
    private volatile State state;
    private volatile long stateSince;
    private long suspensions;

    private WitnessService(WitnessConfig config, String self, Clock clock, Consumer<LongFunction<Event>> post,
                           CuratorFramework client, int groups) {
        this.config = config;
        this.clock = clock;
        this.post = post;
        this.client = client;
        this.lock = client == null ? null : new WitnessLock(new CuratorZnodes(client), self);
        this.worker = client == null ? null : new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(groups + 16), r -> {
                    Thread t = new Thread(r, "heartline-witness");
                    t.setDaemon(true);
                    return t;
                });
        this.timer = client == null ? null : new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "heartline-witness-timer");
            t.setDaemon(true);
            return t;
        });
        for (Event.Witness w : Event.Witness.values()) {
            answers.put(w, new AtomicLong());
        }
        this.state = client == null ? State.OFF : State.CONNECTING;
        this.stateSince = clock.monotonicNanos();
    }

    /**
     * The witness of {@code config} (not yet connected: {@link #start}), or one that answers every
     * question UNREACHABLE when none is configured; {@code post} hands events to the loop ({@code Inbox::post}).
     */
    public static WitnessService open(HeartlineConfig config, Clock clock, Consumer<LongFunction<Event>> post) {
        WitnessConfig w = config.witness();
        CuratorFramework client = null;
        if (w.enabled()) {
            int connectMs = (int) w.connectTimeout().toMillis();
            client = CuratorFrameworkFactory.builder()
                    .connectString(w.connectString())
                    .sessionTimeoutMs((int) w.sessionTimeout().toMillis())
                    .connectionTimeoutMs(connectMs)
                    .retryPolicy(new RetryOneTime(10))
                    .waitForShutdownTimeoutMs(connectMs)
                    .ensembleTracker(false) // the ensemble is what the config says
                    .build();
        }
        return new WitnessService(w, config.self().name(), clock, post, client, config.groups().size());
    }

    public boolean enabled() {
        return client != null;
    }

    /** Connects in the background; questions wait for the connection (up to connect-timeout each). */
    public void start() {
        if (client == null) {
            return;
        }
        client.getConnectionStateListenable().addListener((c, s) -> changed(s));
        client.start();
        log.info("witness: connecting to ZooKeeper {} (locks under {}/groups)", config.connectString(), config.path());
    }

    private synchronized void changed(ConnectionState s) {
        if (state == State.CLOSED) {
            return;
        }
        log.info("witness: {}", s.name().toLowerCase(java.util.Locale.ROOT));
        switch (s) {
            case CONNECTED, RECONNECTED -> {
                enter(State.CONNECTED);
                leaveLater.keySet().forEach(g -> queue(g, new Action.LeaveWitness(g)));
            }
            case SUSPENDED, READ_ONLY -> {
                enter(State.SUSPENDED);
                long suspension = ++suspensions;
                long after = sessionTimeoutNanos() / LOST_DIVISOR;
                timer.schedule(() -> lostIfStill(suspension, after), after, TimeUnit.NANOSECONDS);
            }
            case LOST -> lost("expired");
        }
    }

    private synchronized void lostIfStill(long suspension, long after) {
        if (suspension == suspensions && state == State.SUSPENDED) {
            lost("no connection for " + after / 1_000_000L + " ms after it was lost: the ensemble may expire it any time now");
        }
    }

    /** The session's locks may be gone: told to the decider once per loss. */
    private void lost(String why) {
        if (state == State.LOST || state == State.CLOSED) {
            return;
        }
        enter(State.LOST);
        sessionsLost.incrementAndGet();
        held.clear();
        String detail = "session to " + config.connectString() + " lost: " + why;
        log.warn("witness: {}", detail);
        post.accept(at -> new Event.WitnessLost(at, detail));
    }

    private void enter(State next) {
        if (next != state) {
            state = next;
            stateSince = clock.monotonicNanos();
        }
    }

    /** The session timeout the ensemble granted (it bounds the one asked for), or the one asked for. */
    private long sessionTimeoutNanos() {
        int negotiated = client.getZookeeperClient().getLastNegotiatedSessionTimeoutMs();
        return (negotiated > 0 ? negotiated : config.sessionTimeout().toMillis()) * 1_000_000L;
    }

    /** The decider's question; the answer comes as an {@link Event.WitnessAnswer}. Never blocks. */
    public void ask(Action.AskWitness a) {
        if (client == null) {
            post.accept(at -> new Event.WitnessAnswer(at, a.group(), a.epoch(), Event.Witness.UNREACHABLE, null,
                    "no witness is configured"));
            return;
        }
        queue(a.group(), a);
    }

    /** Gives the group's lock back if this node holds it (again after a reconnection if it cannot now). Never blocks. */
    public void leave(Action.LeaveWitness l) {
        if (client != null) {
            queue(l.group(), l);
        }
    }

    private void queue(String group, Action a) {
        if (pending.put(group, new Pending(a, clock.monotonicNanos())) != null) {
            return; // the queued task of this group takes the newest
        }
        try {
            worker.execute(() -> work(group));
        } catch (RejectedExecutionException e) {
            Pending p = pending.remove(group);
            if (p != null && p.action() instanceof Action.AskWitness ask) {
                answer(ask, new WitnessLock.Verdict(Event.Witness.UNREACHABLE, null, "the witness's queue is full"));
            }
        }
    }

    private void work(String group) {
        Pending p = pending.remove(group);
        if (p == null) {
            return;
        }
        try {
            if (p.action() instanceof Action.AskWitness a) {
                answer(a, ask(a, p.at()));
            } else if (p.action() instanceof Action.LeaveWitness l) {
                leaveNow(l.group(), p.at());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("witness: {} failed", p.action().describe(), e);
            if (p.action() instanceof Action.AskWitness a) {
                answer(a, new WitnessLock.Verdict(Event.Witness.UNREACHABLE, null, "failed: " + e));
            }
        }
    }

    private WitnessLock.Verdict ask(Action.AskWitness a, long askedAt) throws InterruptedException {
        if (!connected(askedAt)) {
            return new WitnessLock.Verdict(Event.Witness.UNREACHABLE, null, "no connection to " + config.connectString()
                    + " within " + config.connectTimeout().toMillis() + " ms (" + state.name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        try {
            return lock.acquire(config.lockPath(a.group()), a.epoch(), a.evict() == null ? null : a.evict().name());
        } catch (KeeperException e) {
            return new WitnessLock.Verdict(Event.Witness.UNREACHABLE, null, "ZooKeeper: " + e.getMessage());
        }
    }

    private void leaveNow(String group, long at) throws InterruptedException {
        held.remove(group);
        boolean done = false;
        if (connected(at)) {
            try {
                done = lock.leave(config.lockPath(group));
            } catch (KeeperException e) {
                log.warn("witness: leaving {}: {}", group, e.getMessage());
            }
        }
        if (done) {
            leaveLater.remove(group);
        } else {
            leaveLater.put(group, Boolean.TRUE); // the lock goes with the session anyway; sooner if we can
        }
    }

    /** Whether a connection is there, waiting for it until {@code connect-timeout} after {@code since}. */
    private boolean connected(long since) throws InterruptedException {
        if (client.getZookeeperClient().isConnected()) {
            return true;
        }
        long waitMs = (since + config.connectTimeout().toNanos() - clock.monotonicNanos()) / 1_000_000L;
        return waitMs > 0 && client.blockUntilConnected((int) waitMs, TimeUnit.MILLISECONDS);
    }

    private void answer(Action.AskWitness a, WitnessLock.Verdict v) {
        answers.get(v.verdict()).incrementAndGet();
        if (v.verdict() == Event.Witness.GRANTED) {
            held.put(a.group(), a.epoch());
            leaveLater.remove(a.group());
        } else {
            held.remove(a.group());
        }
        post.accept(at -> new Event.WitnessAnswer(at, a.group(), a.epoch(), v.verdict(), v.holder(), v.detail()));
    }

    public State state() {
        return state;
    }

    /** For {@code hactl status}: the session's state and the locks held here. */
    public Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", enabled());
        if (enabled()) {
            m.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
            m.put("since_ms", (clock.monotonicNanos() - stateSince) / 1_000_000L);
            m.put("zookeeper", config.connectString());
            m.put("path", config.path());
            long session = state == State.CONNECTED ? sessionId() : 0;
            m.put("session", session == 0 ? null : "0x" + Long.toHexString(session));
            m.put("held", new TreeMap<>(held));
            m.put("sessions_lost", sessionsLost.get());
        }
        return m;
    }

    private long sessionId() {
        try {
            return client.getZookeeperClient().getZooKeeper().getSessionId();
        } catch (Exception e) {
            return 0;
        }
    }

    /** The witness's meters (none when no witness is configured). */
    public WitnessMetrics metrics() {
        return new WitnessMetrics(this);
    }

    long answers(Event.Witness verdict) {
        return answers.get(verdict).get();
    }

    long sessionsLost() {
        return sessionsLost.get();
    }

    /** Closes the session: the ensemble deletes every lock of this node at once. */
    @Override
    public void close() {
        if (client == null) {
            return;
        }
        synchronized (this) {
            enter(State.CLOSED); // no WitnessLost for our own goodbye
        }
        worker.shutdownNow();
        timer.shutdownNow();
        try {
            client.close();
        } catch (RuntimeException e) {
            log.warn("witness: closing the session: {}", e.toString());
        }
    }
}
