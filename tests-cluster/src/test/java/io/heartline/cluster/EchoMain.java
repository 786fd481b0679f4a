package io.heartline.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The service behind the VIP in the cluster tests, run on a node by {@link EchoService}:
 * {@code EchoMain PORT ANSWER}. Listens on every address of the node (so it answers on a VIP
 * as soon as the VIP is there), writes {@code ANSWER\n} to each connection and closes it. One
 * thread, no allocation worth the name per connection. Prints {@code listening} once bound.
 */
public final class EchoMain {
    private EchoMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: EchoMain PORT ANSWER");
            System.exit(64);
        }
        byte[] answer = (args[1] + "\n").getBytes(StandardCharsets.UTF_8);
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(Integer.parseInt(args[0])), 256);
            System.out.println("listening on " + server.getLocalSocketAddress());
            System.out.flush();
            while (true) {
                try (Socket socket = server.accept(); OutputStream out = socket.getOutputStream()) {
                    out.write(answer);
                } catch (IOException e) {
                    // A client that went away mid-answer: its problem, not the service's.
                }
            }
        }
    }
}
