package io.heartline.core.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a program can be started, asked before it is: the agent runs behind {@code setsid},
 * which would turn "no such file" into an exit code of its own.
 */
final class Executables {
    private Executables() {
    }

    /** Why {@code program} cannot be run, or empty if it can (a name without '/' is looked up in PATH). */
    static Optional<String> whyNot(String program, Map<String, String> env) {
        if (!Files.isExecutable(Path.of(AgentProcess.SETSID))) {
            return Optional.of(AgentProcess.SETSID + " (util-linux) is missing: agents run in their own process group");
        }
        if (program.contains("/")) {
            return check(Path.of(program));
        }
        String path = env.getOrDefault("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && check(Path.of(dir, program)).isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of("No such file or directory (not in PATH)");
    }

    private static Optional<String> check(Path p) {
        if (!Files.exists(p)) {
            return Optional.of("No such file or directory");
        }
        if (Files.isDirectory(p)) {
            return Optional.of("Is a directory");
        }
        if (!Files.isExecutable(p)) {
            return Optional.of("Permission denied");
        }
        return Optional.empty();
    }
}
