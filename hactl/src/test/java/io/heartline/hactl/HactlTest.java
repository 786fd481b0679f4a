package io.heartline.hactl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.ExitCode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The root command: usage errors, a missing daemon, and the help that lists every command. */
class HactlTest {
    @TempDir
    Path dir;

    @Test
    void noDaemonIsExit69() {
        Cli.Run r = Cli.hactl("status", "--socket", dir.resolve("none.sock").toString());
        assertEquals(ExitCode.UNAVAILABLE.code(), r.code());
        assertTrue(r.err().contains("no daemon"), r.err());
    }

    @Test
    void wrongUsageIsExit64() {
        assertEquals(ExitCode.USAGE.code(), Cli.hactl("status", "--no-such-flag").code());
        assertEquals(ExitCode.USAGE.code(), Cli.hactl("status", "--output", "xml").code());
        assertEquals(ExitCode.USAGE.code(), Cli.hactl().code());
    }

    @Test
    void aMistypedCommandOrOptionGetsADidYouMean() {
        Cli.Run command = Cli.hactl("stauts");
        assertEquals(ExitCode.USAGE.code(), command.code());
        assertTrue(command.err().contains("Did you mean: hactl status or"), command.err());
        assertTrue(command.err().contains("(see 'hactl --help')"), command.err());
        Cli.Run subcommand = Cli.hactl("config", "chek");
        assertEquals(ExitCode.USAGE.code(), subcommand.code());
        assertTrue(subcommand.err().contains("Did you mean: config check?"), subcommand.err());
        Cli.Run option = Cli.hactl("status", "--josn");
        assertEquals(ExitCode.USAGE.code(), option.code());
        assertTrue(option.err().contains("Did you mean: --json?"), option.err());
        assertTrue(option.err().contains("(see 'hactl status --help')"), option.err());
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        Cli.Run r = Cli.hactl("--help");
        assertEquals(0, r.code(), r.err());
        for (String cmd : List.of("daemon", "status", "events", "failover", "standby", "online", "maintenance", "config",
                "import", "reload", "notify", "fence", "fence-ack", "resource", "resources", "cleanup-vips", "version")) {
            assertTrue(r.out().contains("\n  " + cmd + " "), cmd + " missing from:\n" + r.out());
        }
        assertTrue(r.out().matches("(?s).*\\n  78 +invalid configuration\\n.*"), r.out());
    }

    /**
     * import writes a config file, not an answer: its -o names that file, as the command line of issue 16 has it.
     * cleanup-vips is a supervisor's hook (ExecStopPost=): its lines go to the system journal, its record to the node's journal.
     */
    @Test
    void everyCommandButTheDaemonImportAndCleanupVipsTakesOutputJson() {
        var root = Hactl.commandLine().getCommandSpec();
        List<String> missing = new java.util.ArrayList<>();
        collect(root, missing);
        assertEquals(List.of("hactl daemon", "hactl import keepalived", "hactl import heartbeat", "hactl cleanup-vips"), missing);
    }

    private static void collect(picocli.CommandLine.Model.CommandSpec spec, List<String> missing) {
        if (spec.subcommands().isEmpty() && spec.parent() != null && spec.findOption("--output") == null) {
            missing.add(spec.qualifiedName());
        }
        spec.subcommands().values().forEach(sub -> collect(sub.getCommandSpec(), missing));
    }
}
