package io.heartline.hactl;

import io.heartline.core.ExitCode;
import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root command. Every subcommand returns an {@link ExitCode} and only {@link Main} exits, so that
 * tests run hactl in-process; commands that wait (status --watch, events --follow) get their clock and
 * pacing from an {@link Env}.
 */
@Command(name = "hactl", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        versionProvider = HactlVersion.class,
        description = "Heartline: heartbeat-driven failover manager.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:refused or failed (the message says why)", "64:usage error",
                "69:daemon not running or not answering", "70:internal error", "71:system error",
                "77:permission denied", "78:invalid configuration", "100:fatal, fix before restarting"})
public final class Hactl implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Every subcommand, in the order help lists them. */
    static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(DaemonCommand.class, StatusCommand.class,
            EventsCommand.class, FailoverCommand.class, ModeCommand.Standby.class, ModeCommand.Online.class,
            ModeCommand.Maintenance.class, ConfigCommand.class, ImportCommand.class, ReloadCommand.class, NotifyCommand.class,
            FenceCommand.Fence.class, FenceCommand.Ack.class, ResourceCommand.Group.class, ResourceCommand.List.class,
            CleanupVipsCommand.class, VersionCommand.class);

    static CommandLine commandLine() {
        return commandLine(Env.system());
    }

    /** The whole command tree (help, completion, man pages, tests). */
    static CommandLine commandLine(Env env) {
        return commandLine(env, null);
    }

    /**
     * The command tree for a run whose first argument is {@code first}: only that subcommand when
     * it names one, otherwise all. picocli builds its model by reflection, and building all of them
     * costs more than the rest of a {@code hactl status} put together.
     */
    static CommandLine commandLine(Env env, String first) {
        CommandLine cl = new CommandLine(new Hactl(), new Factory(env));
        java.util.List<Class<?>> chosen = SUBCOMMANDS.stream().filter(c -> named(c, first)).toList();
        for (Class<?> c : chosen.isEmpty() ? SUBCOMMANDS : chosen) {
            cl.addSubcommand(c);
        }
        cl.setExitCodeExceptionMapper(e -> ExitCode.SOFTWARE.code());
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("hactl: " + e.getMessage());
            // A typo gets picocli's nearest commands or options, and a pointer to the help; the
            // whole usage would push the suggestion off the screen.
            if (CommandLine.UnmatchedArgumentException.printSuggestions(e, c.getErr()) || suggestOption(e)) {
                c.getErr().println("(see '" + c.getCommandSpec().qualifiedName() + " --help')");
            } else {
                c.usage(c.getErr());
            }
            return ExitCode.USAGE.code();
        });
        return cl;
    }

    /** For an unknown option picocli finds no match for: the options of that command within {@link Typos#MAX_DISTANCE}. */
    private static boolean suggestOption(CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException u) || !u.isUnknownOption() || u.getUnmatched().isEmpty()) {
            return false;
        }
        String typed = u.getUnmatched().get(0).split("=", 2)[0];
        java.util.List<String> names = e.getCommandLine().getCommandSpec().options().stream()
                .flatMap(o -> java.util.Arrays.stream(o.names())).toList();
        java.util.List<String> near = Typos.near(typed, names);
        if (!near.isEmpty()) {
            e.getCommandLine().getErr().println("Did you mean: " + String.join(" or ", near) + "?");
        }
        return !near.isEmpty();
    }

    private static boolean named(Class<?> c, String first) {
        Command cmd = c.getAnnotation(Command.class);
        return first != null && (cmd.name().equals(first) || java.util.Arrays.asList(cmd.aliases()).contains(first));
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("hactl: name a command");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }

    /** Builds commands that take an {@link Env} with it, everything else with picocli's default factory. */
    private record Factory(Env env) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            for (Constructor<?> c : cls.getDeclaredConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Env.class) {
                    return cls.cast(c.newInstance(env));
                }
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
