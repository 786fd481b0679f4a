package io.heartline.hactl;

import io.heartline.core.ExitCode;
import io.heartline.core.config.ConfigProblem;
import io.heartline.hactl.migrate.ClusterPlan;
import io.heartline.hactl.migrate.HeartbeatImport;
import io.heartline.hactl.migrate.ImportOptions;
import io.heartline.hactl.migrate.ImportRefused;
import io.heartline.hactl.migrate.ImportReport;
import io.heartline.hactl.migrate.Importer;
import io.heartline.hactl.migrate.KeepalivedImport;
import io.heartline.hactl.migrate.NodeSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hactl import keepalived FILE} and {@code hactl import heartbeat DIR}: the heartline.conf
 * that does what the old configuration did, on standard output (or {@code -o}), and on standard
 * error a report of every line that could not be mapped and why. Exit 0 when the written config
 * passes {@code config check}, 78 when it does not (the problems follow the report), 1 when no
 * usable config can be made, 64 when an option is missing (the message names it).
 */
@Command(name = "import", description = {"Write a heartline.conf from a keepalived or heartbeat configuration.",
        "The config goes to standard output (or -o), the report of what could not be",
        "mapped, and why, to standard error."},
        subcommands = {ImportCommand.Keepalived.class, ImportCommand.Heartbeat.class})
final class ImportCommand {
    /** heartline's auth key, used when no --auth-key-file is given and it exists. */
    static final Path USUAL_AUTH_KEY = Path.of("/etc/heartline/authkey");

    /** What the files cannot tell, common to both sources. */
    static final class Options {
        @Option(names = "--node", paramLabel = "NAME[=ADDRESS]",
                description = "this node's name, and its heartbeat address when the file does not give it")
        String node;

        @Option(names = "--peer", paramLabel = "NAME[=ADDRESS]",
                description = "another node (repeat for each); the address may be left out when the file's unicast address tells it")
        List<String> peers = new ArrayList<>();

        @Option(names = "--auth-key-file", paramLabel = "PATH",
                description = {"heartline's auth key: used if it exists, made (mode 0600) if not; copy it to every node.",
                        "Default: " + "/etc/heartline/authkey" + " if it exists"})
        Path authKeyFile;

        @Option(names = {"-o", "--output-file"}, paramLabel = "OUT", description = "write the config here instead of standard output")
        Path out;

        @Option(names = "--resource-dir", paramLabel = "DIR", description = "resource-dir to write: where the nodes keep script resources")
        Path resourceDir;

        @Option(names = "--init-dir", paramLabel = "DIR", description = "init-dir to write: where the nodes keep LSB init scripts")
        Path initDir;
    }

    /** Runs an import and prints its outcome. */
    abstract static class Run implements Callable<Integer> {
        private final Env env;
        Path usualAuthKey = USUAL_AUTH_KEY;

        @Mixin
        Options options;

        Run(Env env) {
            this.env = env;
        }

        abstract Importer.Source source();

        Path ipvsRules() {
            return null;
        }

        @Override
        public Integer call() {
            ImportReport report = new ImportReport();
            Importer.Outcome outcome;
            try {
                NodeSpec self = options.node == null ? null : NodeSpec.parse("--node", options.node);
                List<NodeSpec> peers = new ArrayList<>();
                for (String p : options.peers) {
                    peers.add(NodeSpec.parse("--peer", p));
                }
                ImportOptions o = new ImportOptions(self, peers, options.authKeyFile, usualAuthKey,
                        absolute(options.resourceDir), absolute(options.initDir), absolute(ipvsRules()));
                outcome = Importer.run(source(), o, report, options.out, env.interfaces());
            } catch (ImportRefused e) {
                report.print(System.err);
                System.err.println("hactl import: " + e.getMessage());
                return (e.isUsage() ? ExitCode.USAGE : ExitCode.FAILED).code();
            }
            if (options.out == null) {
                System.out.print(outcome.config());
            }
            report.print(System.err);
            for (ConfigProblem w : outcome.check().warnings()) {
                System.err.println("config check: warning: " + shown(w));
            }
            for (ConfigProblem p : outcome.check().problems()) {
                System.err.println("config check: " + shown(p));
            }
            System.err.println(summary(outcome, report));
            return (outcome.check().ok() ? ExitCode.OK : ExitCode.CONFIG).code();
        }

        /** A problem of the checked file, named as the operator will know it. */
        private String shown(ConfigProblem p) {
            String name = options.out == null ? "<stdout>" : options.out.toString();
            boolean ours = p.file() != null && p.file().contains("heartline-import-") || options.out != null
                    && p.file() != null && Path.of(p.file()).toAbsolutePath().equals(options.out.toAbsolutePath());
            return ours ? new ConfigProblem(name, p.line(), p.key(), p.message()).toString() : p.toString();
        }

        private String summary(Importer.Outcome outcome, ImportReport report) {
            ClusterPlan plan = outcome.plan();
            int vips = plan.groups().stream().mapToInt(g -> g.vips().size()).sum();
            int resources = plan.groups().stream().mapToInt(g -> g.resources().size()).sum();
            String check = outcome.check().ok() ? "passes config check"
                    : "FAILS config check (" + outcome.check().problems().size() + " problem(s) above)";
            return "hactl import: " + (options.out == null ? "config written to standard output" : "wrote " + options.out)
                    + ": " + plan.nodes().size() + " nodes, " + plan.groups().size() + " groups, " + vips + " VIPs, "
                    + resources + " resources, " + plan.media().size() + " media; " + report.count(ImportReport.Kind.NOT_MAPPED)
                    + " lines not mapped, " + report.count(ImportReport.Kind.MAPPED) + " mapped with a change (see above); "
                    + check;
        }

        private static Path absolute(Path p) {
            return p == null ? null : p.toAbsolutePath();
        }
    }

    @Command(name = "keepalived", exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:written; passes config check",
            "1:no usable config can be made (the message says why)", "64:an option is missing or wrong",
            "78:written, but config check finds problems (listed)"}, description = {"From a keepalived.conf (and the files it includes): each vrrp_instance",
            "(or vrrp_sync_group) a group with its VIPs, advert_int the timing, nopreempt",
            "failback = manual, notify scripts script alert channels, virtual_server the",
            "lvs-director resource with its real-server checks (virtual-services)."})
    static final class Keepalived extends Run {
        @Parameters(paramLabel = "FILE", description = "keepalived.conf")
        Path file;

        @Option(names = "--ipvs-rules", paramLabel = "FILE",
                description = "write the virtual servers' IPVS rules here and name it in the config, with the real-server"
                        + " checks (default: named /etc/heartline/ipvsadm.rules, rules and checks only in the config's comments)")
        Path rules;

        Keepalived(Env env) {
            super(env);
        }

        @Override
        Path ipvsRules() {
            return rules;
        }

        @Override
        Importer.Source source() {
            return Importer.Source.of("VRRP's auth_pass", (o, r) -> KeepalivedImport.run(file, o, r));
        }
    }

    @Command(name = "heartbeat", exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:written; passes config check",
            "1:no usable config can be made (the message says why)", "64:an option is missing or wrong",
            "78:written, but config check finds problems (listed)"}, description = {"From heartbeat's directory: ha.cf, haresources, authkeys (each may be .gz):",
            "the nodes, timing, media and failback from ha.cf; each haresources line a",
            "group, its IP addresses VIPs, its other resources heartbeat scripts from",
            "resource.d or LSB services, in order."})
    static final class Heartbeat extends Run {
        @Parameters(paramLabel = "DIR", description = "heartbeat's configuration directory, e.g. /etc/ha.d")
        Path dir;

        Heartbeat(Env env) {
            super(env);
        }

        @Override
        Importer.Source source() {
            return Importer.Source.of("heartbeat's authkeys", (o, r) -> HeartbeatImport.run(dir, o, r));
        }
    }
}
