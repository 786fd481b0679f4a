package io.heartline.hactl;

import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * {@code hactl status} without picocli: the command scripts run most, and picocli's model (built by
 * reflection from ~150 classes that the class-data archive cannot hold) took half of its
 * ~300 ms. Only the plain forms are handled here ({@code --socket}, {@code -c/--config},
 * {@code --json}, {@code -o/--output text|json}, each at most once); anything else
 * ({@code --watch}, {@code --help}, a typo, a bad value) goes to picocli, which parses and reports
 * it as always. Both paths end in {@link StatusCall#once}, so they print the same.
 */
final class QuickStatus {
    private QuickStatus() {
    }

    /** The exit code when {@code args} is a plain {@code status}; empty when picocli must parse it. */
    static OptionalInt run(String[] args) {
        SocketOptions socket = new SocketOptions();
        OutputOptions output = new OutputOptions();
        if (!parse(args, socket, output)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(StatusCall.once(socket, output));
    }

    /** Fills the options from {@code args}; false when anything is not a plain status option. */
    static boolean parse(String[] args, SocketOptions socket, OutputOptions output) {
        if (args.length == 0 || !args[0].equals("status")) {
            return false;
        }
        String format = null;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            String value = eq > 0 ? arg.substring(eq + 1) : null;
            if (name.equals("--json") && value == null && !output.json) {
                output.json = true;
                continue;
            }
            boolean takesValue = switch (name) {
                case "--socket", "-c", "--config", "-o", "--output" -> true;
                default -> false;
            };
            if (!takesValue) {
                return false;
            }
            if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("-")) {
                    return false;
                }
                value = args[++i];
            }
            if (value.isEmpty()) {
                return false;
            }
            switch (name) {
                case "--socket" -> {
                    if (socket.socket != null) {
                        return false;
                    }
                    socket.socket = Path.of(value);
                }
                case "-c", "--config" -> {
                    if (socket.config != null) {
                        return false;
                    }
                    socket.config = Path.of(value);
                }
                default -> {
                    if (format != null || !(value.equals("text") || value.equals("json"))) {
                        return false;
                    }
                    format = value;
                }
            }
        }
        if (format != null) {
            output.format = OutputOptions.Format.valueOf(format);
        }
        return true;
    }
}
