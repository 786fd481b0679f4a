package io.heartline.hactl;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code hactl reload}: the daemon rereads its config file and applies the difference, or refuses an
 * invalid file and keeps the running config (exit 78, with every problem), like {@code config check}.
 */
@Command(name = "reload", description = {"Make the daemon reread its config file and apply the changes.",
        "Prints each change. An invalid file is refused (exit 78) with its problems, and the old config stays."})
final class ReloadCommand implements Callable<Integer> {
    @Mixin
    OutputOptions output;

    @Mixin
    SocketOptions socket;

    @Override
    public Integer call() {
        return ControlCall.run(socket, Map.of("cmd", "reload"), output, ReloadCommand::text);
    }

    static String text(Map<String, Object> answer) {
        StringBuilder out = new StringBuilder().append(answer.get("message")).append('\n');
        List<?> changes = answer.get("changes") instanceof List<?> l ? l : List.of();
        if (changes.isEmpty()) {
            out.append("  no changes\n");
        }
        changes.forEach(c -> out.append("  ").append(c).append('\n'));
        return out.toString();
    }
}
