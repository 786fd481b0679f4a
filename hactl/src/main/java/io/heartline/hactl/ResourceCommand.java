package io.heartline.hactl;

import io.heartline.core.ExitCode;
import io.heartline.core.control.Request;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hactl resource cleanup GROUP[/RESOURCE]} and {@code hactl resources}. */
final class ResourceCommand {
    private ResourceCommand() {
    }

    @Command(name = "resource", description = "Resources of a group.", subcommands = Cleanup.class)
    static final class Group {
    }

    @Command(name = "cleanup", description = {"Clear a resource's failures (it is probed, and started again if its group",
            "runs here) and the group's FAULT on this node, so that it may run here again.",
            "Needs root or the admin group (heartline-admin)."})
    static final class Cleanup extends ControlCommand {
        @Parameters(paramLabel = "GROUP[/RESOURCE]")
        String target;

        @Override
        Request request() {
            int slash = target.indexOf('/');
            String group = slash < 0 ? target : target.substring(0, slash);
            String resource = slash < 0 ? null : target.substring(slash + 1);
            if (group.isEmpty() || resource != null && resource.isEmpty()) {
                throw usage("GROUP[/RESOURCE]: a group name, and a resource name after a slash, not '" + target + "'");
            }
            return new Request.ResourceCleanup(group, resource);
        }
    }

    @Command(name = "resources", description = "List the resource agents installed here: OCF, LSB, heartbeat-style scripts.")
    static final class List implements Callable<Integer> {
        @Option(names = "--ocf-root", defaultValue = "/usr/lib/ocf", description = "OCF root (default: ${DEFAULT-VALUE})")
        Path ocfRoot;

        @Option(names = "--resource-dir", defaultValue = "/etc/heartline/resource.d",
                description = "heartbeat-style scripts (default: ${DEFAULT-VALUE})")
        Path resourceDir;

        @Option(names = "--init-dir", defaultValue = "/etc/init.d", description = "LSB init scripts (default: ${DEFAULT-VALUE})")
        Path initDir;

        @Mixin
        OutputOptions output;

        @Override
        public Integer call() throws IOException {
            java.util.List<String> agents = new ArrayList<>();
            for (Path provider : children(ocfRoot.resolve("resource.d"))) {
                for (Path agent : children(provider)) {
                    if (Files.isExecutable(agent)) {
                        agents.add("ocf:" + provider.getFileName() + ":" + agent.getFileName());
                    }
                }
            }
            for (Path p : executables(initDir)) {
                agents.add("lsb:" + p.getFileName());
            }
            for (Path p : executables(resourceDir)) {
                agents.add("script:" + p.getFileName());
            }
            agents.add("probe");
            if (output.isJson()) {
                System.out.println(Json.write(Map.of("agents", agents)));
            } else {
                agents.forEach(a -> System.out.println(a.equals("probe") ? "probe (built in: TCP connect, then HTTP GET)" : a));
            }
            return ExitCode.OK.code();
        }

        private static java.util.List<Path> executables(Path dir) throws IOException {
            return children(dir).stream().filter(p -> Files.isExecutable(p) && Files.isRegularFile(p)).toList();
        }

        private static java.util.List<Path> children(Path dir) throws IOException {
            if (!Files.isDirectory(dir)) {
                return java.util.List.of();
            }
            try (Stream<Path> s = Files.list(dir)) {
                return s.sorted().toList();
            }
        }
    }
}
