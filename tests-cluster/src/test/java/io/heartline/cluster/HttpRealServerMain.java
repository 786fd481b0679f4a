package io.heartline.cluster;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A real server behind an LVS director in the cluster tests: {@code HttpRealServerMain PORT
 * STATUS BODY} answers every HTTP request with STATUS and BODY (a healthy one 200 "ok …", a
 * broken one 500). The JDK's own HTTP server, on every address of its host; prints
 * {@code listening} once bound.
 */
public final class HttpRealServerMain {
    private HttpRealServerMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: HttpRealServerMain PORT STATUS BODY");
            System.exit(64);
        }
        int status = Integer.parseInt(args[1]);
        byte[] body = (args[2] + "\n").getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(args[0])), 64);
        server.createContext("/", exchange -> {
            try (OutputStream out = exchange.getResponseBody()) {
                exchange.sendResponseHeaders(status, body.length);
                out.write(body);
            }
        });
        server.start();
        System.out.println("listening on " + server.getAddress() + ", answering " + status);
        System.out.flush();
    }
}
