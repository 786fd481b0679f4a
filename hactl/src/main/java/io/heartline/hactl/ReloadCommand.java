package io.heartline.hactl;

import io.heartline.core.control.Request;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code hactl reload}: the daemon rereads its config file and applies the difference, or refuses an
 * invalid file and keeps the running config (exit 78, with every problem), like {@code config check}.
 */
@Command(name = "reload", description = {"Make the daemon reread its config file and apply the changes.",
        "Prints each change. An invalid file is refused (exit 78) with its problems, and the old config stays.",
        "Needs root or the admin group (heartline-admin)."})
final class ReloadCommand extends ControlCommand {
    @Override
    Request request() {
        return new Request.Reload();
    }

    @Override
    String text(Map<String, Object> answer) {
        StringBuilder out = new StringBuilder().append(answer.get("message")).append('\n');
        List<?> changes = answer.get("changes") instanceof List<?> l ? l : List.of();
        if (changes.isEmpty()) {
            out.append("  no changes\n");
        }
        changes.forEach(c -> out.append("  ").append(c).append('\n'));
        return out.toString();
    }
}
