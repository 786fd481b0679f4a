package io.heartline.daemon.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Test clients of the control socket. */
final class Clients {
    private Clients() {
    }

    static SocketChannel connect(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        return ch;
    }

    /** Sends {@code request} as it is and returns what came back until the daemon closed. */
    static String ask(Path socket, String request) throws IOException {
        try (SocketChannel ch = connect(socket)) {
            try {
                ch.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
                ch.shutdownOutput();
            } catch (IOException e) {
                // refused before it read the request (busy): its answer is waiting all the same
            }
            return readToEnd(ch);
        }
    }

    /** What the daemon sent until it closed; a reset after some bytes ends the answer, it is not an error. */
    static String readToEnd(SocketChannel ch) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(8192);
        try {
            while (ch.read(b.clear()) >= 0) {
                out.write(b.array(), 0, b.position());
            }
        } catch (IOException e) {
            if (out.size() == 0) {
                throw e;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
