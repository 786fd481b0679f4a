package io.heartline.hactl;

import io.heartline.core.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command. Every subcommand returns an {@link ExitCode}; see the exit-code table in the README. */
@Command(name = "hactl", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "hactl 0.1.0",
        description = "Heartline: heartbeat-driven failover manager.",
        subcommands = {DaemonCommand.class, StatusCommand.class, FailoverCommand.class, ConfigCommand.class,
                NotifyCommand.class, FenceCommand.Fence.class, FenceCommand.Ack.class, ResourceCommand.Group.class,
                ResourceCommand.List.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:refused or failed (the message says why)", "64:usage error",
                "69:daemon not running or not answering", "70:internal error", "71:system error",
                "77:permission denied", "78:invalid configuration", "100:fatal, fix before restarting"})
public final class Hactl implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Hactl());
        cl.setExitCodeExceptionMapper(e -> ExitCode.SOFTWARE.code());
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("hactl: " + e.getMessage());
            c.usage(c.getErr());
            return ExitCode.USAGE.code();
        });
        return cl;
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("hactl: name a command");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }
}
