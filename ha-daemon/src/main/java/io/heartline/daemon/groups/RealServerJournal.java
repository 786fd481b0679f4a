package io.heartline.daemon.groups;

import io.heartline.core.Clock;
import io.heartline.core.journal.Journal;
import io.heartline.core.journal.JournalEntry;
import io.heartline.core.journal.RecordKind;
import io.heartline.resources.CheckResult;
import io.heartline.resources.lvs.Endpoint;
import io.heartline.resources.lvs.IpvsCommand;
import io.heartline.resources.lvs.IpvsService;
import io.heartline.resources.lvs.RealServerHealth;
import io.heartline.resources.lvs.RealServerListener;
import io.heartline.resources.metrics.RealServerMetrics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the LVS directors' real-server checks do, into the journal ({@code real-server-down},
 * {@code real-server-up}, {@code sorry-server-in}, {@code sorry-server-out}, {@code ipvs-change},
 * {@code ipvs-change-failed}) and the metrics. Every check result is counted, not journaled.
 */
final class RealServerJournal implements RealServerListener {
    private final Journal journal;
    private final Clock clock;
    private final String node;
    private final RealServerMetrics metrics;

    RealServerJournal(Journal journal, Clock clock, String node, RealServerMetrics metrics) {
        this.journal = journal;
        this.clock = clock;
        this.node = node;
        this.metrics = metrics;
    }

    @Override
    public void checked(String group, String resource, IpvsService service, Endpoint server, CheckResult result) {
        metrics.checked(group, resource, service, server, result);
    }

    @Override
    public void healthChanged(String group, String resource, IpvsService service, Endpoint server,
                              RealServerHealth.State from, RealServerHealth.State to, String cause) {
        metrics.healthChanged(group, resource, service, server, to);
        Map<String, Object> f = fields(resource, service);
        f.put("server", server.toString());
        f.put("from", from.name());
        f.put("to", to.name());
        append(to == RealServerHealth.State.DOWN ? RecordKind.REAL_SERVER_DOWN : RecordKind.REAL_SERVER_UP, group, cause, f);
    }

    @Override
    public void sorryServer(String group, String resource, IpvsService service, Endpoint server, boolean in) {
        metrics.sorryServer(group, resource, service, in);
        Map<String, Object> f = fields(resource, service);
        f.put("server", server.toString());
        append(in ? RecordKind.SORRY_SERVER_IN : RecordKind.SORRY_SERVER_OUT, group, in
                ? "no healthy real server: new connections go to the sorry server " + server
                : "a real server is healthy again: sorry server " + server + " out", f);
    }

    @Override
    public void ipvsChanged(String group, String resource, IpvsCommand command, boolean ok, String output) {
        metrics.ipvsChanged(group, resource, command, ok);
        Map<String, Object> f = fields(resource, command.dest().service());
        f.put("server", command.dest().server().toString());
        f.put("command", command.toString());
        f.put("ok", ok);
        append(ok ? RecordKind.IPVS_CHANGE : RecordKind.IPVS_CHANGE_FAILED, group,
                ok ? command.toString() : command + " failed: " + output, f);
    }

    private static Map<String, Object> fields(String resource, IpvsService service) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("resource", resource);
        f.put("service", service.toString());
        return f;
    }

    private void append(RecordKind kind, String group, String cause, Map<String, Object> fields) {
        journal.append(new JournalEntry(clock.wallTime(), node, kind.wireName(), group, cause, fields));
    }
}
