package io.heartline.resources.metrics;

import io.heartline.resources.CheckResult;
import io.heartline.resources.lvs.Endpoint;
import io.heartline.resources.lvs.IpvsCommand;
import io.heartline.resources.lvs.IpvsService;
import io.heartline.resources.lvs.RealServerHealth;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of an LVS director's real-server checks:
 * <ul>
 *   <li>{@code heartline_realserver_checks_total{group,resource,service,server,result=pass|fail}}</li>
 *   <li>{@code heartline_realserver_transitions_total{group,resource,service,server,to=up|down}}</li>
 *   <li>{@code heartline_realserver_up{group,resource,service,server}}: 1 healthy, 0 not (from the first check on)</li>
 *   <li>{@code heartline_lvs_sorry_server{group,resource,service}}: 1 while the sorry server is in the table</li>
 *   <li>{@code heartline_ipvsadm_commands_total{group,resource,op=add|edit|delete,result=ok|failed}}</li>
 * </ul>
 * Fed by the checks' listener (any thread); meters are made on first use and kept. Before
 * {@link #bindTo} everything is ignored.
 */
public final class RealServerMetrics implements MeterBinder {
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> gauges = new ConcurrentHashMap<>();
    private volatile MeterRegistry registry;

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
    }

    public void checked(String group, String resource, IpvsService service, Endpoint server, CheckResult result) {
        Tags tags = server(group, resource, service, server);
        count("heartline.realserver.checks", "Real-server check results", tags.and("result", result.passed() ? "pass" : "fail"));
        if (registry != null) {
            gauge("heartline.realserver.up", "1 while the real server passes its checks (after rise/fall)", tags)
                    .compareAndSet(-1, 1); // first seen: UP, as the rules file loaded it
        }
    }

    public void healthChanged(String group, String resource, IpvsService service, Endpoint server, RealServerHealth.State to) {
        Tags tags = server(group, resource, service, server);
        count("heartline.realserver.transitions", "Real servers going up or down", tags.and("to", to.name().toLowerCase(Locale.ROOT)));
        if (registry != null) {
            gauge("heartline.realserver.up", "1 while the real server passes its checks (after rise/fall)", tags)
                    .set(to == RealServerHealth.State.UP ? 1 : 0);
        }
    }

    public void sorryServer(String group, String resource, IpvsService service, boolean in) {
        if (registry != null) {
            gauge("heartline.lvs.sorry.server", "1 while the sorry server is in the table",
                    Tags.of("group", group, "resource", resource, "service", service.toString())).set(in ? 1 : 0);
        }
    }

    public void ipvsChanged(String group, String resource, IpvsCommand command, boolean ok) {
        count("heartline.ipvsadm.commands", "ipvsadm changes made by the real-server checks", Tags.of("group", group,
                "resource", resource, "op", command.op().name().toLowerCase(Locale.ROOT), "result", ok ? "ok" : "failed"));
    }

    private static Tags server(String group, String resource, IpvsService service, Endpoint server) {
        return Tags.of("group", group, "resource", resource, "service", service.toString(), "server", server.toString());
    }

    private void count(String name, String description, Tags tags) {
        MeterRegistry r = registry;
        if (r == null) {
            return;
        }
        counters.computeIfAbsent(name + tags, k -> Counter.builder(name).description(description).tags(tags).register(r))
                .increment();
    }

    /** The value behind a gauge, made on first use; -1 until set. */
    private AtomicInteger gauge(String name, String description, Tags tags) {
        MeterRegistry r = registry;
        return gauges.computeIfAbsent(name + tags, k -> {
            AtomicInteger value = new AtomicInteger(-1);
            Gauge.builder(name, value, v -> v.get() < 0 ? Double.NaN : v.get()).description(description).tags(tags).register(r);
            return value;
        });
    }
}
