package io.heartline.hactl;

import com.fasterxml.jackson.jr.ob.JSON;
import io.heartline.core.ExitCode;
import io.heartline.core.control.Request;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** One request, one answer over the daemon's control socket (JSON lines). */
final class ControlClient {
    /** The daemon cannot be asked; {@link #exitCode} says why (69 not running, 77 permission). */
    static final class Unreachable extends Exception {
        final ExitCode exitCode;

        Unreachable(ExitCode exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    /** The daemon answered {@code "ok": false}; the message is its error, {@link #answer} the whole answer. */
    static final class Refused extends Exception {
        final transient Map<String, Object> answer;

        Refused(Map<String, Object> answer) {
            super(String.valueOf(answer.get("error")));
            this.answer = answer;
        }
    }

    private final Path socket;

    ControlClient(Path socket) {
        this.socket = socket;
    }

    /** The answer when it says {@code "ok": true}. */
    Map<String, Object> ask(Request request) throws Unreachable, Refused {
        Map<String, Object> answer = call(request);
        if (!Boolean.TRUE.equals(answer.get("ok"))) {
            throw new Refused(answer);
        }
        return answer;
    }

    /** The answer, whatever it says. */
    Map<String, Object> call(Request request) throws Unreachable {
        if (!Files.exists(socket)) {
            throw new Unreachable(ExitCode.UNAVAILABLE, "no daemon: control socket " + socket + " does not exist");
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            try {
                ch.write(ByteBuffer.wrap((request.toJson() + "\n").getBytes(StandardCharsets.UTF_8)));
                ch.shutdownOutput();
            } catch (IOException e) {
                // A busy daemon answers and closes before it reads: its one line is there to read all the same.
            }
            String answer = readLine(ch);
            if (answer.isEmpty()) {
                throw new Unreachable(ExitCode.UNAVAILABLE, "the daemon closed the connection without answering");
            }
            return JSON.std.mapFrom(answer);
        } catch (AccessDeniedException e) {
            throw new Unreachable(ExitCode.NOPERM, "permission denied on " + socket + " (root only)");
        } catch (IOException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("Permission denied")) {
                throw new Unreachable(ExitCode.NOPERM, "permission denied on " + socket + " (root only)");
            }
            throw new Unreachable(ExitCode.UNAVAILABLE, "cannot reach the daemon on " + socket + ": " + msg);
        }
    }

    /** The answer line, up to its newline or the end; a reset after the line does not lose it. */
    private static String readLine(SocketChannel ch) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(8192);
        try {
            while (ch.read(b.clear()) >= 0) {
                out.write(b.array(), 0, b.position());
                if (b.position() > 0 && b.get(b.position() - 1) == '\n') {
                    break;
                }
            }
        } catch (IOException e) {
            if (out.size() == 0) {
                throw e;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
