package io.heartline.stonith;

import io.heartline.core.process.AgentProcess;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the exit of a fence program into a {@link FenceResult}, by the fence-agents API
 * (ClusterLabs fence-agents {@code doc/FenceAgentAPI.md}, "Agent Operations and Return Values"):
 * <ul>
 *   <li>{@code off}, {@code on}, {@code reboot}: 0 = success, anything else = failure
 *       (including "could not contact the device"); for {@code reboot} 0 vouches only for the
 *       off part, so the power state afterwards is {@link PowerState#UNKNOWN};</li>
 *   <li>{@code status}: 0 = reachable and on, 2 = reachable and off, 1 (or anything else) =
 *       the device could not be contacted or the state not read.</li>
 * </ul>
 * A timeout is a failure, never a success ("Timeout is a failure, not success", same page).
 * The detail is one line built from what the program printed: its error lines if any, else its
 * last line.
 */
final class AgentVerdict {
    static final int STATUS_ON = 0;
    static final int STATUS_OFF = 2;
    private static final int MAX_DETAIL = 300;
    /** The "2026-11-21 21:21:01,475 ERROR: " that fence-agents' Python logging puts before each message. */
    private static final Pattern TIMESTAMP = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d[,.]\\d+\\s+(?:[A-Z]+:\\s*)?");
    private static final Pattern ERRORISH = Pattern.compile(
            "(?i)\\b(error|failed|failure|unable|denied|refused|timed out|unknown|invalid|cannot|can't)\\b");
    /** Warnings (Python's about deprecated modules, the agent's about ignored options) and the source lines Python quotes with them. */
    private static final Pattern NOISE = Pattern.compile("(?i)warning\\b|^from \\w+ import |^import \\w+");

    private AgentVerdict() {
    }

    static FenceResult of(String agent, FenceAction action, AgentProcess.Result r) {
        String what = agent + " " + action.word();
        String said = summary(r);
        switch (r.ending()) {
            case NOT_STARTED:
                return FenceResult.failed(what + ": " + r.error(), r.took());
            case TIMED_OUT:
                return FenceResult.timeout(what + ": no answer within " + Durations.show(r.took())
                        + ", killed" + (said.isEmpty() ? "" : " (it said: " + said + ")"), r.took());
            case INTERRUPTED:
                return FenceResult.failed(what + ": interrupted, killed", r.took());
            default:
                break;
        }
        int code = r.exitCode();
        if (action == FenceAction.STATUS && code == STATUS_ON) {
            return FenceResult.ok(PowerState.ON, what + ": on", r.took());
        }
        if (action == FenceAction.STATUS && code == STATUS_OFF) {
            return FenceResult.ok(PowerState.OFF, what + ": off", r.took());
        }
        if (action != FenceAction.STATUS && code == 0) {
            return FenceResult.ok(powerAfter(action), what + ": done" + (said.isEmpty() ? "" : " (" + said + ")"), r.took());
        }
        return FenceResult.failed(what + " failed (exit " + code + ")" + (said.isEmpty() ? "" : ": " + said), r.took());
    }

    private static PowerState powerAfter(FenceAction action) {
        switch (action) {
            case OFF:
                return PowerState.OFF;
            case ON:
                return PowerState.ON;
            default:
                return PowerState.UNKNOWN;
        }
    }

    /** Error lines (up to three, stderr first) or else the last line printed; one line, bounded. */
    static String summary(AgentProcess.Result r) {
        List<String> lines = new ArrayList<>();
        lines.addAll(meaningful(r.stderr()));
        lines.addAll(meaningful(r.stdout()));
        Set<String> errors = new LinkedHashSet<>();
        for (String l : lines) {
            if (ERRORISH.matcher(l).find() && errors.size() < 3) {
                errors.add(l);
            }
        }
        String text;
        if (!errors.isEmpty()) {
            text = String.join("; ", errors);
        } else {
            List<String> out = meaningful(r.stdout());
            List<String> from = out.isEmpty() ? lines : out;
            text = from.isEmpty() ? "" : from.get(from.size() - 1);
        }
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL - 3) + "...";
    }

    private static List<String> meaningful(String text) {
        List<String> out = new ArrayList<>();
        for (String raw : text.split("\\R")) {
            String l = TIMESTAMP.matcher(raw.strip()).replaceFirst("");
            if (!l.isEmpty() && !NOISE.matcher(l).find()) {
                out.add(l);
            }
        }
        return out;
    }
}
