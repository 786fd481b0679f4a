package io.heartline.hactl;

import io.heartline.core.ExitCode;
import io.heartline.core.control.Request;
import io.heartline.core.control.StatusText;
import java.util.Map;

/**
 * One {@code hactl status}: ask, print, return the exit code. Free of picocli, so that
 * {@link QuickStatus} can run it without building the command tree; {@link StatusCommand} runs it too.
 */
final class StatusCall {
    private StatusCall() {
    }

    /** Asks once and prints the status (text or JSON); 0, or the exit code of an unreachable or refusing daemon. */
    static int once(SocketOptions socket, OutputOptions output) {
        try {
            Map<String, Object> status = fetch(socket);
            System.out.print(output.isJson() ? Json.write(status) + "\n" : StatusText.render(status));
            return ExitCode.OK.code();
        } catch (ControlClient.Unreachable e) {
            return ControlCall.unreachable(e, output);
        } catch (ControlClient.Refused e) {
            return ControlCall.refused(e, output);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> fetch(SocketOptions socket) throws ControlClient.Unreachable, ControlClient.Refused {
        Map<String, Object> answer = new ControlClient(socket.resolve()).ask(new Request.Status());
        Map<String, Object> status = (Map<String, Object>) answer.get("result");
        // Tolerate a daemon that sends the mode beside the result rather than in it.
        for (String key : new String[] {"mode", "maintenance"}) {
            if (!status.containsKey(key) && answer.containsKey(key)) {
                status.put(key, answer.get(key));
            }
        }
        return status;
    }
}
