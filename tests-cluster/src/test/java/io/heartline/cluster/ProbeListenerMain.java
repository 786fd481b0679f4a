package io.heartline.cluster;

import io.heartline.takeover.DaemonProbeListener;
import java.net.InetAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;

/**
 * Holds the daemon probe port open in a lab host for {@link DaemonPortProbeIT}, as the daemon
 * will: {@code ProbeListenerMain ADDRESS PORT}. Prints {@code listening} once bound, then reads and
 * drops whatever arrives until it is killed.
 */
public final class ProbeListenerMain {
    private ProbeListenerMain() {
    }

    public static void main(String[] args) throws Exception {
        try (DaemonProbeListener listener = DaemonProbeListener.open(List.of(InetAddress.getByName(args[0])),
                Integer.parseInt(args[1])); Selector selector = Selector.open()) {
            for (var channel : listener.channels()) {
                channel.register(selector, SelectionKey.OP_READ);
            }
            System.out.println("listening on " + args[0] + " port " + args[1]);
            while (true) {
                selector.select();
                selector.selectedKeys().clear();
                listener.drain();
            }
        }
    }
}
