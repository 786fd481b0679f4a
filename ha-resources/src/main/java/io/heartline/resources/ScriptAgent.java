package io.heartline.resources;

import io.heartline.core.process.AgentProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A heartbeat (v1, {@code haresources}) style resource script: {@code DIR/NAME [ARGS…] start|stop|status},
 * DIR being {@code /etc/heartline/resource.d} by default. {@code IPaddr::10.0.0.1} in an old
 * haresources line is {@code NAME=IPaddr, ARGS=[10.0.0.1]} here.
 *
 * <p><b>Status rule.</b> Heartbeat's ResourceManager ({@code we_own_resource}) ignores the exit
 * code of {@code status} and reads what it prints on stdout. Heartline applies, in order:
 * <ol>
 *   <li>stdout matches {@code [Nn][Oo][Tt] .*[Rr]unning} (heartbeat's {@code *[Nn][Oo][Tt]\ *[Rr]unning*}:
 *       a blank, not a newline, after NOT; anything, newlines included, before Running)
 *       → NOT_RUNNING, whatever the exit code;</li>
 *   <li>stdout contains {@code running}/{@code Running} or {@code OK} (case-sensitive) → SUCCESS;</li>
 *   <li>stdout is blank and the exit code is 0 → SUCCESS (Heartline's addition, for scripts that
 *       answer with their exit code only, LSB fashion);</li>
 *   <li>anything else → NOT_RUNNING (heartbeat's default).</li>
 * </ol>
 * A status that times out is ERR_GENERIC (timed out), never NOT_RUNNING.
 *
 * <p><b>Start and stop</b> follow heartbeat too: start first asks status and does nothing if the
 * resource already runs ({@code we_own_resource || doscript start}); a stop that exits non-zero
 * still counts as done when status then says not running (heartbeat's "probably not
 * LSB-compliant" case), and as failed otherwise. Exit codes of start and stop are read as LSB
 * codes ({@link LsbAgent#fromActionExit}). {@code meta-data} is unimplemented; {@code validate-all}
 * checks the script is installed.
 */
public final class ScriptAgent extends CommandAgent {
    private static final Pattern NOT_RUNNING = Pattern.compile("[Nn][Oo][Tt] .*[Rr]unning", Pattern.DOTALL);
    private static final Pattern RUNNING = Pattern.compile("[Rr]unning|OK");

    private final String script;
    private final List<String> args;

    public ScriptAgent(String script, List<String> args, AgentSettings settings) {
        super(settings, settings.scriptDir().resolve(script));
        this.script = script;
        this.args = List.copyOf(args);
    }

    @Override
    public OperationResult run(Operation op, Duration timeout) {
        if (op == Operation.META_DATA) {
            return OperationResult.of(op, OcfStatus.ERR_UNIMPLEMENTED, "heartbeat-style scripts have no meta-data");
        }
        var broken = notRunnable(op);
        if (broken.isPresent()) {
            return broken.get();
        }
        try {
            return switch (op) {
                case VALIDATE -> OperationResult.of(op, OcfStatus.SUCCESS, executable + " is installed");
                case MONITOR -> status(op, timeout);
                case START -> start(timeout);
                default -> stop(timeout);
            };
        } catch (IOException e) {
            return cannotRun(op, e);
        }
    }

    private OperationResult start(Duration timeout) throws IOException {
        OperationResult before = status(Operation.START, timeout);
        if (before.timedOut()) {
            return before;
        }
        if (before.status() == OcfStatus.SUCCESS) {
            return OperationResult.of(Operation.START, OcfStatus.SUCCESS,
                    "already running: " + before.output(), before.took());
        }
        AgentProcess.Result outcome = call("start", remaining(timeout, before.took()));
        return withTime(result(Operation.START, outcome, LsbAgent.fromActionExit(outcome.exitCode())), before.took());
    }

    private OperationResult stop(Duration timeout) throws IOException {
        AgentProcess.Result outcome = call("stop", timeout);
        OperationResult stop = result(Operation.STOP, outcome, LsbAgent.fromActionExit(outcome.exitCode()));
        if (stop.succeeded() || stop.timedOut()) {
            return stop;
        }
        OperationResult after = status(Operation.STOP, remaining(timeout, stop.took()));
        Duration took = stop.took().plus(after.took());
        if (after.status() == OcfStatus.NOT_RUNNING && !after.timedOut()) {
            return OperationResult.of(Operation.STOP, OcfStatus.SUCCESS, "stop exited " + outcome.exitCode()
                    + " but status says stopped (script is not LSB-compliant): " + stop.output(), took);
        }
        return new OperationResult(Operation.STOP, stop.status(), stop.output(), took, after.timedOut());
    }

    private OperationResult status(Operation op, Duration timeout) throws IOException {
        AgentProcess.Result outcome = call("status", timeout);
        return result(op, outcome, statusFrom(outcome.exitCode(), outcome.stdout()));
    }

    /** The status rule of the class comment, for one exit code and stdout. */
    public static OcfStatus statusFrom(int exitCode, String stdout) {
        if (NOT_RUNNING.matcher(stdout).find()) {
            return OcfStatus.NOT_RUNNING;
        }
        if (RUNNING.matcher(stdout).find()) {
            return OcfStatus.SUCCESS;
        }
        return stdout.isBlank() && exitCode == 0 ? OcfStatus.SUCCESS : OcfStatus.NOT_RUNNING;
    }

    private AgentProcess.Result call(String action, Duration timeout) throws IOException {
        List<String> argv = new ArrayList<>(args);
        argv.add(action);
        return exec(argv, Map.of(), timeout);
    }

    private static OperationResult withTime(OperationResult r, Duration extra) {
        return new OperationResult(r.op(), r.status(), r.output(), r.took().plus(extra), r.timedOut());
    }

    @Override
    public String describe() {
        return args.isEmpty() ? "script:" + script : "script:" + script + "::" + String.join("::", args);
    }
}
