package io.heartline.hactl;

import io.heartline.core.ExitCode;
import io.heartline.core.control.Request;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One control request as a command: send it, print the answer (as text, or whole with
 * {@code --output json}), and return the exit code: 0 done, 1 refused or failed, 78 when the
 * answer says the config is invalid ({@code "invalid": true} or {@code "problems"}: a refused
 * reload), 69/77 when the daemon cannot be asked.
 */
final class ControlCall {
    private ControlCall() {
    }

    /** Prints {@code text.apply(answer)} on success; a refusal goes to stderr with its problems. */
    static int run(SocketOptions socket, Request request, OutputOptions output, Function<Map<String, Object>, String> text) {
        try {
            Map<String, Object> answer = new ControlClient(socket.resolve()).call(request);
            boolean ok = Boolean.TRUE.equals(answer.get("ok"));
            if (output.isJson()) {
                System.out.println(Json.write(answer));
            } else if (ok) {
                System.out.print(text.apply(answer));
            } else {
                System.err.println("hactl: " + answer.get("error"));
                for (Object problem : problems(answer)) {
                    System.err.println("  " + problem);
                }
            }
            return exitCode(answer).code();
        } catch (ControlClient.Unreachable e) {
            return unreachable(e, output);
        }
    }

    /** Reports a daemon that cannot be asked (stderr, or a JSON error on stdout) and returns 69 or 77. */
    static int unreachable(ControlClient.Unreachable e, OutputOptions output) {
        if (output.isJson()) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("ok", false);
            error.put("error", e.getMessage());
            System.out.println(Json.write(error));
        } else {
            System.err.println("hactl: " + e.getMessage());
        }
        return e.exitCode.code();
    }

    /** Reports a refusal (stderr, or the whole answer on stdout) and returns 1. */
    static int refused(ControlClient.Refused e, OutputOptions output) {
        if (output.isJson()) {
            System.out.println(Json.write(e.answer));
        } else {
            System.err.println("hactl: " + e.getMessage());
        }
        return ExitCode.FAILED.code();
    }

    static ExitCode exitCode(Map<String, Object> answer) {
        if (Boolean.TRUE.equals(answer.get("ok"))) {
            return ExitCode.OK;
        }
        boolean invalidConfig = Boolean.TRUE.equals(answer.get("invalid")) || !problems(answer).isEmpty();
        return invalidConfig ? ExitCode.CONFIG : ExitCode.FAILED;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> problems(Map<String, Object> answer) {
        return answer.get("problems") instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
