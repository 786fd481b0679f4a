package io.heartline.hactl;

import io.heartline.core.ExitCode;
import java.util.Map;

/**
 * One control request as a command: send it, print the daemon's message (or the error on stderr,
 * or the whole answer with {@code --json}), and return the exit code (0 done, 1 refused or
 * failed, 69/77 when the daemon cannot be asked).
 */
final class ControlCall {
    private ControlCall() {
    }

    static int run(SocketOptions socket, Map<String, Object> request, boolean json) {
        try {
            Map<String, Object> answer = new ControlClient(socket.resolve()).call(request);
            boolean ok = Boolean.TRUE.equals(answer.get("ok"));
            if (json) {
                System.out.println(Json.write(answer));
            } else if (ok) {
                System.out.println(answer.get("message"));
            } else {
                System.err.println("hactl: " + answer.get("error"));
            }
            return (ok ? ExitCode.OK : ExitCode.FAILED).code();
        } catch (ControlClient.Unreachable e) {
            System.err.println("hactl: " + e.getMessage());
            return e.exitCode.code();
        }
    }
}
