package io.heartline.hactl;

import io.heartline.core.ExitCode;
import io.heartline.core.config.ConfigLoader;
import io.heartline.core.config.ConfigProblem;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.InvalidConfigException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "config", description = "Configuration tools.", subcommands = ConfigCommand.Check.class)
final class ConfigCommand {
    @Command(name = "check", description = {"Validate a config file exactly as the daemon does.",
            "Prints every problem with file, line and key; exit 78 if there is any."})
    static final class Check implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", defaultValue = "/etc/heartline/heartline.conf",
                description = "config file (default: ${DEFAULT-VALUE})")
        Path file;

        @Override
        public Integer call() {
            try {
                HeartlineConfig c = ConfigLoader.load(file);
                System.out.printf("%s: OK (cluster %s, node %s, %d nodes, %d groups, %d media)%n", file, c.cluster(),
                        c.self(), c.nodes().size(), c.groups().size(), c.media().size());
                return ExitCode.OK.code();
            } catch (InvalidConfigException e) {
                for (ConfigProblem p : e.problems()) {
                    System.err.println(p);
                }
                System.err.printf("%s: %d problem(s)%n", file, e.problems().size());
                return ExitCode.CONFIG.code();
            }
        }
    }
}
