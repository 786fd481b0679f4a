package io.heartline.hactl;

import picocli.CommandLine;

/** Entry point of {@code hactl}: the only place that calls {@link System#exit}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals(CdsTraining.COMMAND)) {
            System.exit(CdsTraining.run());
        }
        java.util.OptionalInt quick = QuickStatus.run(args);
        if (quick.isPresent()) {
            System.exit(quick.getAsInt());
        }
        System.exit(Hactl.commandLine(Env.system(), args.length > 0 ? args[0] : null).execute(args));
    }
}
