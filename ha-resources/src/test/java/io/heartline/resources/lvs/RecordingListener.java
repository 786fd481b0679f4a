package io.heartline.resources.lvs;

import io.heartline.resources.CheckResult;
import java.util.ArrayList;
import java.util.List;

/** The checks' events as lines: {@code DOWN 192.168.1.11:80: cause}, {@code sorry in 192.168.1.250:80}, … */
final class RecordingListener implements RealServerListener {
    final List<String> events = new ArrayList<>();
    final List<String> changes = new ArrayList<>();
    int checks;

    @Override
    public void checked(String group, String resource, IpvsService service, Endpoint server, CheckResult result) {
        checks++;
    }

    @Override
    public void healthChanged(String group, String resource, IpvsService service, Endpoint server,
                              RealServerHealth.State from, RealServerHealth.State to, String cause) {
        events.add(to + " " + server + ": " + cause);
    }

    @Override
    public void sorryServer(String group, String resource, IpvsService service, Endpoint server, boolean in) {
        events.add("sorry " + (in ? "in " : "out ") + server);
    }

    @Override
    public void ipvsChanged(String group, String resource, IpvsCommand command, boolean ok, String output) {
        changes.add((ok ? "" : "FAILED ") + command);
    }
}
