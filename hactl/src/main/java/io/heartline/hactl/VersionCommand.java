package io.heartline.hactl;

import io.heartline.core.ExitCode;
import io.heartline.core.control.Request;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code hactl version}: hactl's version and the running daemon's, so that a mismatch after an upgrade
 * shows. Exit 0 even with no daemon: the question was answered.
 */
@Command(name = "version", description = {"Print hactl's version and the running daemon's.",
        "The daemon's comes with its node, pid and start time. Exit 0 even when no daemon runs."})
final class VersionCommand implements Callable<Integer> {
    @Mixin
    OutputOptions output;

    @Mixin
    SocketOptions socket;

    @Override
    public Integer call() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("hactl", HactlVersion.version());
        String daemonText;
        try {
            Map<String, Object> answer = new ControlClient(socket.resolve()).call(new Request.Version());
            if (Boolean.TRUE.equals(answer.get("ok"))) {
                answer.remove("ok");
                json.put("daemon", answer);
                daemonText = String.format("daemon %s on node %s (pid %s, started %s)", answer.get("version"),
                        answer.get("node"), answer.get("pid"), answer.get("started"));
            } else {
                json.put("daemon", null);
                json.put("daemon_error", "the daemon runs but did not tell its version: " + answer.get("error"));
                daemonText = "daemon: " + json.get("daemon_error");
            }
        } catch (ControlClient.Unreachable e) {
            json.put("daemon", null);
            json.put("daemon_error", e.getMessage());
            daemonText = "daemon: not reachable (" + e.getMessage() + ")";
        }
        System.out.println(output.isJson() ? Json.write(json) : "hactl " + json.get("hactl") + "\n" + daemonText);
        return ExitCode.OK.code();
    }
}
