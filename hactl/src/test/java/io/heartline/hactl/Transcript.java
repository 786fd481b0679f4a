package io.heartline.hactl;

import java.nio.file.Path;
import java.util.List;

/**
 * A golden transcript of one hactl run: the command line, each request it sent to the daemon, the
 * exit code, stdout and stderr. Temporary paths and hactl's own version are replaced by placeholders.
 */
final class Transcript {
    private Transcript() {
    }

    static String of(List<String> args, List<String> requests, Cli.Run run, Path dir) {
        StringBuilder sb = new StringBuilder("$ hactl ").append(String.join(" ", args)).append('\n');
        requests.forEach(r -> sb.append("> ").append(r).append('\n'));
        sb.append("exit ").append(run.code()).append('\n');
        sb.append("--- stdout\n").append(run.out());
        if (!run.err().isEmpty()) {
            sb.append("--- stderr\n").append(run.err());
        }
        return sb.toString().replace(dir.toString(), "$DIR").replace(HactlVersion.version(), "$VERSION");
    }
}
