package io.heartline.hactl;

import io.heartline.core.ExitCode;
import io.heartline.core.control.StatusText;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code hactl status [--watch [SECONDS]]}: the one screen an operator reads first. Kept light (no
 * work before the request) because its start-up time is part of every scripted health check.
 */
@Command(name = "status", description = {"Show mode, nodes, links, groups, resources, media, fencing and alerts.",
        "Groups show owner, epoch and state; links show beacon age and loss.",
        "With --watch, refresh in place until Ctrl-C (with --output json: one JSON object per line per refresh)."})
final class StatusCommand implements Callable<Integer> {
    /** Clears the terminal and puts the cursor home before each refresh of --watch. */
    static final String CLEAR = "\033[H\033[2J";

    @Option(names = "--watch", arity = "0..1", fallbackValue = "1", paramLabel = "SECONDS",
            description = "refresh every SECONDS (default 1) until Ctrl-C")
    Double watch;

    @Mixin
    OutputOptions output;

    @Mixin
    SocketOptions socket;

    @Spec
    CommandSpec spec;

    private final Env env;

    StatusCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        if (watch == null) {
            return StatusCall.once(socket, output);
        }
        if (!(watch > 0) || watch > 86_400) {
            throw new ParameterException(spec.commandLine(), "--watch: SECONDS must be above 0 and at most 86400, not " + watch);
        }
        Duration interval = Duration.ofMillis(Math.max(1, Math.round(watch * 1000)));
        do {
            refresh();
        } while (env.pacer().pause(interval));
        return ExitCode.OK.code();
    }

    /** One refresh of --watch: a daemon that is away is shown, and watched until it is back. */
    private void refresh() {
        try {
            Map<String, Object> status = StatusCall.fetch(socket);
            System.out.print(output.isJson() ? Json.line(status) + "\n" : CLEAR + StatusText.render(status));
        } catch (ControlClient.Unreachable | ControlClient.Refused e) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("ok", false);
            error.put("error", e.getMessage());
            System.out.print(output.isJson() ? Json.line(error) + "\n" : CLEAR + "hactl: " + e.getMessage() + "\n");
        }
        System.out.flush();
    }
}
