package io.heartline.resources;

import io.heartline.core.process.AgentProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An LSB init script, {@code INITDIR/NAME start|stop|status} (INITDIR is {@code /etc/init.d} by
 * default), its exit codes translated to OCF:
 *
 * <pre>
 * start, stop  0 → SUCCESS          status  0 → SUCCESS (running)
 *              1..6 → same code             3 → NOT_RUNNING (cleanly stopped)
 *              (generic, args,              1 → ERR_GENERIC (dead, pid file left behind)
 *               unimplemented, perm,        2 → ERR_GENERIC (dead, lock file left behind)
 *               not installed,              4 and anything else → ERR_GENERIC (unknown)
 *               not configured)
 *              7 and anything else → ERR_GENERIC
 * </pre>
 *
 * LSB requires start on a running service and stop on a stopped one to exit 0; a script that
 * exits 7 from stop is not compliant and its stop counts as failed. Status 1 and 2 are "dead"
 * states: the service crashed and left its pid or lock file, which is not the clean stop that
 * NOT_RUNNING promises (OCF: "if in doubt, return 1"); Pacemaker's lrmd maps them to NOT_RUNNING
 * instead. {@code meta-data} is unimplemented; {@code validate-all} checks the script is there.
 */
public final class LsbAgent extends CommandAgent {
    private final String service;

    public LsbAgent(String service, AgentSettings settings) {
        super(settings, settings.initDir().resolve(service));
        this.service = service;
    }

    @Override
    public OperationResult run(Operation op, Duration timeout) {
        if (op == Operation.META_DATA) {
            return OperationResult.of(op, OcfStatus.ERR_UNIMPLEMENTED, "LSB init scripts have no meta-data");
        }
        var broken = notRunnable(op);
        if (broken.isPresent()) {
            return broken.get();
        }
        if (op == Operation.VALIDATE) {
            return OperationResult.of(op, OcfStatus.SUCCESS, executable + " is installed");
        }
        String action = switch (op) {
            case START -> "start";
            case STOP -> "stop";
            default -> "status";
        };
        try {
            AgentProcess.Result outcome = exec(List.of(action), Map.of(), timeout);
            int exit = outcome.exitCode();
            return result(op, outcome, op == Operation.MONITOR ? fromStatusExit(exit) : fromActionExit(exit));
        } catch (IOException e) {
            return cannotRun(op, e);
        }
    }

    /** The OCF status for an LSB {@code status} exit code (see the class comment). */
    public static OcfStatus fromStatusExit(int exit) {
        return switch (exit) {
            case 0 -> OcfStatus.SUCCESS;
            case 3 -> OcfStatus.NOT_RUNNING;
            default -> OcfStatus.ERR_GENERIC;
        };
    }

    /** The OCF status for an LSB {@code start}/{@code stop} exit code (see the class comment). */
    public static OcfStatus fromActionExit(int exit) {
        return exit >= 0 && exit <= 6 ? OcfStatus.fromExit(exit) : OcfStatus.ERR_GENERIC;
    }

    @Override
    public String describe() {
        return "lsb:" + service;
    }
}
