package io.heartline.hactl;

import com.fasterxml.jackson.jr.ob.JSON;
import io.heartline.core.ExitCode;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
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
    Map<String, Object> ask(Map<String, Object> request) throws Unreachable, Refused {
        Map<String, Object> answer = call(request);
        if (!Boolean.TRUE.equals(answer.get("ok"))) {
            throw new Refused(answer);
        }
        return answer;
    }

    /** The answer, whatever it says. */
    Map<String, Object> call(Map<String, Object> request) throws Unreachable {
        if (!Files.exists(socket)) {
            throw new Unreachable(ExitCode.UNAVAILABLE, "no daemon: control socket " + socket + " does not exist");
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap((JSON.std.asString(request) + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.shutdownOutput();
            byte[] answer = Channels.newInputStream(ch).readAllBytes();
            if (answer.length == 0) {
                throw new Unreachable(ExitCode.UNAVAILABLE, "the daemon closed the connection without answering");
            }
            return JSON.std.mapFrom(new String(answer, StandardCharsets.UTF_8));
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
}
