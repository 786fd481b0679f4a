package io.heartline.resources.lvs;

import io.heartline.core.Clock;
import io.heartline.core.process.AgentProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code ipvsadm} with some arguments, bounded by a timeout. */
public interface Ipvsadm {

    /** What one run came to: exit 0 or not, and what it printed (stdout, then stderr). */
    record Result(boolean ok, String output) {
    }

    Result run(List<String> args, Duration timeout);

    /**
     * The real one: {@code ipvsadm} from the daemon's PATH, behind {@code prefix} (the resources'
     * command prefix, e.g. {@code ip netns exec NS}), each run in its own process group and killed
     * at the timeout.
     */
    static Ipvsadm onPath(List<String> prefix, Clock clock) {
        AgentProcess process = new AgentProcess(clock, 1024 * 1024, Duration.ofSeconds(1));
        return (args, timeout) -> {
            List<String> argv = new ArrayList<>(prefix);
            argv.add("ipvsadm");
            argv.addAll(args);
            AgentProcess.Result r = process.run(AgentProcess.Command.of(argv), timeout);
            return switch (r.ending()) {
                case EXITED -> new Result(r.exitCode() == 0, r.combined());
                case NOT_STARTED -> new Result(false, "cannot run ipvsadm: " + r.error());
                case TIMED_OUT -> new Result(false, "ipvsadm did not exit within " + timeout.toMillis() + " ms (killed)");
                case INTERRUPTED -> new Result(false, "interrupted");
            };
        };
    }
}
