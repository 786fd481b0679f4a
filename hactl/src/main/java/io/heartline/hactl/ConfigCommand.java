package io.heartline.hactl;

import io.heartline.core.ExitCode;
import io.heartline.core.config.ConfigLoader;
import io.heartline.core.config.ConfigProblem;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.ConfigReport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code hactl config check}: the daemon's own validation, run before a start or a reload. */
@Command(name = "config", description = "Configuration tools.", subcommands = ConfigCommand.Check.class)
final class ConfigCommand {
    @Command(name = "check", description = {"Validate a config file exactly as the daemon does.",
            "Prints every problem with file, line and key; exit 78 if there is any.",
            "Warnings (an interface this machine does not have) do not change the exit code."})
    static final class Check implements Callable<Integer> {
        private final Env env;

        Check(Env env) {
            this.env = env;
        }

        @Parameters(arity = "0..1", paramLabel = "FILE", defaultValue = "/etc/heartline/heartline.conf",
                description = "config file (default: ${DEFAULT-VALUE})")
        Path file;

        @Mixin
        OutputOptions output;

        @Override
        public Integer call() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("ok", false);
            json.put("file", file.toString());
            ConfigReport report = ConfigLoader.check(file, env.interfaces());
            if (!output.isJson()) {
                for (ConfigProblem w : report.warnings()) {
                    System.err.println("warning: " + w);
                }
            }
            if (report.ok()) {
                HeartlineConfig c = report.config();
                json.put("ok", true);
                json.put("cluster", c.cluster());
                json.put("node", c.self().name());
                json.put("nodes", c.nodes().size());
                json.put("groups", c.groups().size());
                json.put("media", c.media().size());
                if (!output.isJson()) {
                    System.out.printf("%s: OK (cluster %s, node %s, %d nodes, %d groups, %d media)%n", file, c.cluster(),
                            c.self().name(), c.nodes().size(), c.groups().size(), c.media().size());
                }
            } else {
                json.put("problems", report.problems().stream().map(Check::problem).toList());
                if (!output.isJson()) {
                    for (ConfigProblem p : report.problems()) {
                        System.err.println(p);
                    }
                    System.err.printf("%s: %d problem(s)%n", file, report.problems().size());
                }
            }
            if (!report.warnings().isEmpty()) {
                json.put("warnings", report.warnings().stream().map(Check::problem).toList());
            }
            if (output.isJson()) {
                System.out.println(Json.write(json));
            }
            return (Boolean.TRUE.equals(json.get("ok")) ? ExitCode.OK : ExitCode.CONFIG).code();
        }

        private static Map<String, Object> problem(ConfigProblem p) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", p.file());
            m.put("line", p.line());
            m.put("key", p.key());
            m.put("message", p.message());
            m.put("text", p.toString());
            return m;
        }
    }
}
