package io.heartline.hactl;

import io.heartline.core.ExitCode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", description = "Show nodes, links, groups (owner, epoch, state) and media counters.")
final class StatusCommand implements Callable<Integer> {
    @Option(names = "--json", description = "print JSON instead of tables")
    boolean json;

    @Mixin
    SocketOptions socket;

    @Override
    public Integer call() {
        try {
            Map<String, Object> answer = new ControlClient(socket.resolve()).call(Map.of("cmd", "status"));
            if (!Boolean.TRUE.equals(answer.get("ok"))) {
                System.err.println("hactl: " + answer.get("error"));
                return ExitCode.FAILED.code();
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> status = (Map<String, Object>) answer.get("result");
            System.out.print(json ? Json.write(status) + "\n" : StatusText.render(status));
            return ExitCode.OK.code();
        } catch (ControlClient.Unreachable e) {
            System.err.println("hactl: " + e.getMessage());
            return e.exitCode.code();
        }
    }
}
