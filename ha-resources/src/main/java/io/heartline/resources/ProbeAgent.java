package io.heartline.resources;

import io.heartline.core.Clock;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A built-in, monitor-only agent that watches a service it does not manage (start and stop are
 * no-ops answering SUCCESS; validate-all checks the configuration; meta-data is unimplemented).
 *
 * <p><b>Two-stage monitor</b>, as in the classic PC fail-over controller: a cheap check first,
 * and only when it fails an application-specific check, before declaring a failure.
 * <ol>
 *   <li>TCP connect to {@code host:port}, bounded by the smaller of {@code connect-timeout}
 *       (default 2 s) and half the monitor timeout. Connected → SUCCESS; no HTTP request is made.</li>
 *   <li>Only if the connect failed: HTTP GET {@code url} with what is left of the timeout. The
 *       expected status ({@code expect-status}, default 200) and, if set, the substring
 *       {@code expect-body} → SUCCESS (the cheap check's failure was a false alarm, say a full
 *       accept queue); otherwise ERR_GENERIC, with both reasons in the output.</li>
 * </ol>
 * With only one check configured, that check alone decides. A failed probe is ERR_GENERIC (the
 * service is expected up and is not), never NOT_RUNNING.
 *
 * <p>Parameters: {@code host} (default 127.0.0.1), {@code port}, {@code url},
 * {@code expect-status}, {@code expect-body}, {@code connect-timeout} (OCF time, e.g. 2s).
 */
public final class ProbeAgent implements ResourceAgent {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final String name;
    private final TcpCheck tcp;
    private final HttpCheck http;
    private final Duration connectTimeout;
    private final Clock clock;

    /** Either check may be null, not both. */
    public ProbeAgent(String name, TcpCheck tcp, HttpCheck http, Duration connectTimeout, Clock clock) {
        if (tcp == null && http == null) {
            throw new IllegalArgumentException(name + ": a probe needs a port (tcp check) or a url (http check)");
        }
        this.name = Objects.requireNonNull(name, "name");
        this.tcp = tcp;
        this.http = http;
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** From resource parameters (see the class comment). @throws IllegalArgumentException for bad ones */
    public static ProbeAgent fromParams(String name, Map<String, String> params, Clock clock) {
        for (String key : params.keySet()) {
            if (!java.util.Set.of("host", "port", "url", "expect-status", "expect-body", "connect-timeout").contains(key)) {
                throw new IllegalArgumentException(name + ": unknown probe parameter '" + key
                        + "' (it takes: host, port, url, expect-status, expect-body, connect-timeout)");
            }
        }
        String host = params.getOrDefault("host", "127.0.0.1");
        TcpCheck tcp = params.containsKey("port") ? new TcpCheck(host, integer(name, "port", params.get("port"))) : null;
        HttpCheck http = params.containsKey("url")
                ? new HttpCheck(URI.create(params.get("url")), integer(name, "expect-status", params.getOrDefault("expect-status", "200")),
                        params.get("expect-body"))
                : null;
        Duration connect = params.containsKey("connect-timeout")
                ? OcfDuration.parse(params.get("connect-timeout")) : DEFAULT_CONNECT_TIMEOUT;
        return new ProbeAgent(name, tcp, http, connect, clock);
    }

    private static int integer(String name, String key, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": probe parameter '" + key + "' must be an integer, not '" + value + "'");
        }
    }

    @Override
    public OperationResult run(Operation op, Duration timeout) {
        return switch (op) {
            case START, STOP -> OperationResult.of(op, OcfStatus.SUCCESS, "probe: nothing to " + op.ocfAction());
            case VALIDATE -> OperationResult.of(op, OcfStatus.SUCCESS, describe());
            case META_DATA -> OperationResult.of(op, OcfStatus.ERR_UNIMPLEMENTED, "built-in probe has no meta-data");
            case MONITOR -> monitor(timeout);
        };
    }

    private OperationResult monitor(Duration timeout) {
        long start = clock.monotonicNanos();
        if (tcp != null) {
            Duration budget = min(connectTimeout, http == null ? timeout : timeout.dividedBy(2));
            CheckResult cheap = tcp.check(budget);
            if (cheap.passed() || http == null) {
                return done(cheap.passed(), cheap.detail(), start);
            }
            Duration left = timeout.minusNanos(clock.monotonicNanos() - start);
            CheckResult deep = http.check(left);
            String detail = cheap.detail() + "; then " + deep.detail()
                    + (deep.passed() ? " (application answers: not a failure)" : "");
            return done(deep.passed(), detail, start);
        }
        CheckResult only = http.check(timeout);
        return done(only.passed(), only.detail(), start);
    }

    private OperationResult done(boolean passed, String detail, long startNanos) {
        Duration took = Duration.ofNanos(clock.monotonicNanos() - startNanos);
        return OperationResult.of(Operation.MONITOR, passed ? OcfStatus.SUCCESS : OcfStatus.ERR_GENERIC, detail, took);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public String describe() {
        return "probe:" + name + " (" + (tcp == null ? "" : tcp + (http == null ? "" : " then ")) + (http == null ? "" : http) + ")";
    }
}
