package io.heartline.cluster;

import static org.awaitility.Awaitility.await;

import io.heartline.testkit.Timing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The test side of {@link PollerMain}: starts it in a client namespace through the lab and
 * turns its output, line by line as it arrives, into a timeline of {@link Attempt}s that
 * tests query and await.
 *
 * <pre>{@code
 * ClientPoller poller = ClientPoller.start(lab, "client", "10.77.0.10", EchoService.DEFAULT_PORT);
 * poller.awaitAnswer("node-a", Duration.ofSeconds(5));
 * long fault = System.currentTimeMillis();
 * daemonA.kill9();
 * poller.awaitAnswer("node-b", Duration.ofSeconds(5));
 * ClientPoller.Outage outage = poller.outageAround(fault, "node-b");
 * }</pre>
 */
public final class ClientPoller implements AutoCloseable {
    /** Time between attempts unless the caller says otherwise. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(10);
    /** Bound for connect and for read in each attempt unless the caller says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(100);

    private final String target;
    private final List<Attempt> timeline = new ArrayList<>();
    private final List<String> unparsed = new ArrayList<>();
    private LabProcess process;

    /**
     * One connection attempt.
     *
     * @param sinceStartMillis monotonic time since the poller started
     * @param epochMillis      wall-clock time at the start of the attempt
     * @param latencyMillis    how long the attempt took
     * @param answer           what the service said (a node name), or null on error
     * @param error            the error tag (refused, connect-timeout, …), or null on answer
     */
    public record Attempt(long sinceStartMillis, long epochMillis, long latencyMillis, String answer, String error) {
        public boolean ok() {
            return answer != null;
        }

        /** Wall-clock time at which the attempt ended (answered or failed). */
        public long endEpochMillis() {
            return epochMillis + latencyMillis;
        }

        boolean answered(String name) {
            return name.equals(answer);
        }

        @Override
        public String toString() {
            return epochMillis + "+" + latencyMillis + "ms " + (ok() ? answer : "ERR " + error);
        }
    }

    /**
     * What the client saw around a fault.
     *
     * @param faultEpochMillis  when the test injected the fault (wall clock)
     * @param node              the node expected to answer afterwards
     * @param lastAnswerBefore  the last answered attempt (from any node) before {@code firstAnswer}; null if none
     * @param firstAnswer       the first attempt starting at or after the fault that {@code node} answered
     * @param failedAttempts    failed attempts between the fault and {@code firstAnswer}
     */
    public record Outage(long faultEpochMillis, String node, Attempt lastAnswerBefore, Attempt firstAnswer,
            int failedAttempts) {
        /** From the fault to the end of the first answer from the new node. */
        public Duration sinceFault() {
            return Duration.ofMillis(firstAnswer.endEpochMillis() - faultEpochMillis);
        }

        /**
         * What the client went without: from the end of the last answer before the new node's
         * first to the end of that first answer (about one interval when nothing was lost).
         */
        public Duration dark() {
            long from = lastAnswerBefore == null ? faultEpochMillis : lastAnswerBefore.endEpochMillis();
            return Duration.ofMillis(firstAnswer.endEpochMillis() - from);
        }

        @Override
        public String toString() {
            return "outage to " + node + ": " + sinceFault().toMillis() + " ms after the fault, dark "
                    + dark().toMillis() + " ms, " + failedAttempts + " failed attempts (last answer before: "
                    + lastAnswerBefore + ", first from " + node + ": " + firstAnswer + ")";
        }
    }

    private ClientPoller(String target) {
        this.target = target;
    }

    /** A poller with no process, fed through {@link #accept}: for tests of the timeline logic. */
    static ClientPoller detached(String target) {
        return new ClientPoller(target);
    }

    /** Polls {@code ip:port} from {@code clientHost} every 10 ms with a 100 ms timeout. */
    public static ClientPoller start(Lab lab, String clientHost, String ip, int port) {
        return start(lab, clientHost, ip, port, DEFAULT_INTERVAL, DEFAULT_TIMEOUT);
    }

    /** Polls {@code ip:port} from {@code clientHost}; the lab stops it on close at the latest. */
    public static ClientPoller start(Lab lab, String clientHost, String ip, int port, Duration interval,
            Duration timeout) {
        ClientPoller poller = new ClientPoller(ip + ":" + port);
        List<String> command = JavaCommand.of(PollerMain.class, ip, Integer.toString(port),
                Long.toString(interval.toMillis()), Long.toString(timeout.toMillis()));
        poller.process = lab.start(clientHost, ProcessSpec.of("poller-" + ip + "-" + port, command)
                .onLine(poller::accept));
        lab.onClose(poller);
        return poller;
    }

    /** Called from the process's reader thread with every output line. */
    void accept(String line) {
        Optional<Attempt> attempt = parse(line);
        synchronized (timeline) {
            if (attempt.isPresent()) {
                timeline.add(attempt.get());
            } else if (!line.startsWith("#")) {
                unparsed.add(line);
            }
        }
    }

    /** Parses one line of {@link PollerMain}'s output; empty for comments and noise. */
    static Optional<Attempt> parse(String line) {
        String[] words = line.strip().split(" ");
        if (words.length != 5 || !(words[3].equals("OK") || words[3].equals("ERR"))) {
            return Optional.empty();
        }
        try {
            long since = Long.parseLong(words[0]);
            long epoch = Long.parseLong(words[1]);
            long latency = Long.parseLong(words[2]);
            boolean ok = words[3].equals("OK");
            return Optional.of(new Attempt(since, epoch, latency, ok ? words[4] : null, ok ? null : words[4]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Every attempt so far, oldest first. */
    public List<Attempt> attempts() {
        synchronized (timeline) {
            return List.copyOf(timeline);
        }
    }

    /** Attempts that started at or after {@code epochMillis}. */
    public List<Attempt> attemptsSince(long epochMillis) {
        return attempts().stream().filter(a -> a.epochMillis() >= epochMillis).toList();
    }

    /** Answered attempts that started at or after {@code epochMillis}. */
    public List<Attempt> answersSince(long epochMillis) {
        return attemptsSince(epochMillis).stream().filter(Attempt::ok).toList();
    }

    /** The most recent attempt, answered or not. */
    public Optional<Attempt> lastAttempt() {
        synchronized (timeline) {
            return timeline.isEmpty() ? Optional.empty() : Optional.of(timeline.get(timeline.size() - 1));
        }
    }

    /** The answer of the most recent answered attempt (later failures do not clear it). */
    public Optional<String> lastAnswer() {
        synchronized (timeline) {
            for (int i = timeline.size() - 1; i >= 0; i--) {
                if (timeline.get(i).ok()) {
                    return Optional.of(timeline.get(i).answer());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Waits up to {@code bound} (scaled) until the most recent attempt was answered by
     * {@code name}; returns that attempt. Fails with the recent timeline in the message.
     */
    public Attempt awaitAnswer(String name, Duration bound) {
        long since = System.currentTimeMillis();
        try {
            return await("poller of " + target + " answered by " + name).atMost(Timing.scaled(bound))
                    .pollInterval(Duration.ofMillis(10))
                    .until(this::lastAttempt, last -> last.isPresent() && last.get().answered(name)).orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no answer from " + name + " via " + target + " within "
                    + Timing.scaled(bound).toMillis() + " ms; since the wait began: " + summarySince(since)
                    + (process == null || process.isAlive() ? "" : "; the poller exited: " + process.output()), e);
        }
    }

    /**
     * Relates a fault the test injected at {@code faultEpochMillis} (e.g.
     * {@code System.currentTimeMillis()} just before the kill) to what the client saw: the first
     * answer from {@code node} in an attempt starting at or after the fault, and the dark time
     * before it. Call after {@link #awaitAnswer}; throws AssertionError if {@code node} has not
     * answered since the fault.
     */
    public Outage outageAround(long faultEpochMillis, String node) {
        List<Attempt> all = attempts();
        Attempt lastAnswer = null;
        int failed = 0;
        for (Attempt attempt : all) {
            if (attempt.epochMillis() >= faultEpochMillis) {
                if (attempt.answered(node)) {
                    return new Outage(faultEpochMillis, node, lastAnswer, attempt, failed);
                }
                if (!attempt.ok()) {
                    failed++;
                }
            }
            if (attempt.ok()) {
                lastAnswer = attempt;
            }
        }
        throw new AssertionError("no answer from " + node + " via " + target + " since the fault at "
                + faultEpochMillis + ": " + summarySince(faultEpochMillis - 1000));
    }

    /**
     * Like {@link #outageAround(long, String)} when it does not matter which node answers: the
     * outage ends with the first answer (from any node) after the first failed attempt at or
     * after the fault, or with the first answer after the fault if no attempt failed.
     */
    public Outage outageAround(long faultEpochMillis) {
        List<Attempt> all = attempts();
        Attempt lastAnswer = null;
        int failed = 0;
        Attempt firstAnswerAfterFault = null;
        Attempt lastAnswerBeforeFirstAnswer = null;
        for (Attempt attempt : all) {
            if (attempt.epochMillis() >= faultEpochMillis) {
                if (attempt.ok() && failed > 0) {
                    return new Outage(faultEpochMillis, attempt.answer(), lastAnswer, attempt, failed);
                }
                if (attempt.ok() && firstAnswerAfterFault == null) {
                    firstAnswerAfterFault = attempt;
                    lastAnswerBeforeFirstAnswer = lastAnswer;
                }
                if (!attempt.ok()) {
                    failed++;
                }
            }
            if (attempt.ok()) {
                lastAnswer = attempt;
            }
        }
        if (failed == 0 && firstAnswerAfterFault != null) {
            return new Outage(faultEpochMillis, firstAnswerAfterFault.answer(), lastAnswerBeforeFirstAnswer,
                    firstAnswerAfterFault, 0);
        }
        throw new AssertionError("no answer via " + target + " since the fault at " + faultEpochMillis
                + (failed > 0 ? " and its " + failed + " failed attempts" : "") + ": " + summarySince(faultEpochMillis - 1000));
    }

    /**
     * The timeline since {@code epochMillis} in runs, for failure messages:
     * {@code node-a x52, ERR connect-timeout x7, node-b x30}.
     */
    public String summarySince(long epochMillis) {
        StringBuilder sb = new StringBuilder();
        String current = null;
        int count = 0;
        long runStart = 0;
        for (Attempt attempt : attemptsSince(epochMillis)) {
            String label = attempt.ok() ? attempt.answer() : "ERR " + attempt.error();
            if (!label.equals(current)) {
                appendRun(sb, current, count, runStart);
                current = label;
                count = 0;
                runStart = attempt.epochMillis();
            }
            count++;
        }
        appendRun(sb, current, count, runStart);
        return sb.length() == 0 ? "(no attempts)" : sb.toString();
    }

    private static void appendRun(StringBuilder sb, String label, int count, long start) {
        if (label != null) {
            sb.append(sb.length() == 0 ? "" : ", ").append(label).append(" x").append(count).append(" from ").append(start);
        }
    }

    /** Output lines that were not attempts (JVM warnings, stack traces). */
    public List<String> unparsedLines() {
        synchronized (timeline) {
            return List.copyOf(unparsed);
        }
    }

    public LabProcess process() {
        return process;
    }

    /** Stops the poller process (idempotent). */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.kill9();
        }
    }
}
