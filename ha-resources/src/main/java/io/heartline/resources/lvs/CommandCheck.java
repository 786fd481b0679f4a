package io.heartline.resources.lvs;

import io.heartline.core.Clock;
import io.heartline.core.process.AgentProcess;
import io.heartline.resources.CheckResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A check by a program of the operator's (keepalived's MISC_CHECK, ldirectord's external check):
 * exit 0 is healthy, any other exit, or none within the timeout (the program's process group is
 * then killed), is not. It gets the server in {@code HEARTLINE_REAL_SERVER} and
 * {@code HEARTLINE_REAL_PORT} and the service in {@code HEARTLINE_VIRTUAL_SERVICE}. What it
 * prints only explains the result: at most 4 KiB of it is read, and at most
 * {@value #DETAIL_CHARS} printable characters of that are kept.
 */
final class CommandCheck implements RealServerCheck {
    static final int DETAIL_CHARS = 200;

    private final List<String> argv;
    private final Map<String, String> env;
    private final AgentProcess process;

    CommandCheck(List<String> argv, Map<String, String> env, Clock clock) {
        this.argv = List.copyOf(argv);
        this.env = Map.copyOf(env);
        this.process = new AgentProcess(clock, 4096, Duration.ofSeconds(1));
    }

    @Override
    public CheckResult check(Duration timeout) {
        AgentProcess.Result r = process.run(AgentProcess.Command.of(argv).withEnv(env), timeout);
        return switch (r.ending()) {
            case EXITED -> r.exitCode() == 0 ? CheckResult.pass("exit 0" + said(r))
                    : CheckResult.fail("exit " + r.exitCode() + said(r));
            case TIMED_OUT -> CheckResult.fail("no exit within " + timeout.toMillis() + " ms (killed)" + said(r));
            case NOT_STARTED -> CheckResult.fail("cannot run " + argv.get(0) + ": " + r.error());
            case INTERRUPTED -> CheckResult.fail("interrupted");
        };
    }

    private static String said(AgentProcess.Result r) {
        String text = printable(r.combined());
        return text.isEmpty() ? "" : ": " + text;
    }

    /** {@code s} with line ends as " / ", anything else unprintable as '?', cut at {@value #DETAIL_CHARS} characters. */
    static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < DETAIL_CHARS; i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                out.append(" / ");
            } else if (c == '\r' || c == '\t') {
                out.append(' ');
            } else {
                out.append(Character.isISOControl(c) || c == '\uFFFD' || Character.isSurrogate(c) ? '?' : c);
            }
        }
        String text = out.toString().strip();
        return text.length() >= DETAIL_CHARS ? text.substring(0, Math.min(text.length(), DETAIL_CHARS)) + "…" : text;
    }

    @Override
    public String describe() {
        return "command " + String.join(" ", argv);
    }
}
