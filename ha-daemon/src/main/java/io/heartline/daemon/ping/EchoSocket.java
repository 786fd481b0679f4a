package io.heartline.daemon.ping;

import java.net.InetAddress;

/** Sends ICMP echo requests and returns our replies: {@link RawEchoSocket}, or a fake in tests. Owned by one thread. */
interface EchoSocket extends AutoCloseable {
    /** One of our echo replies: who answered, to which round. */
    record Answer(InetAddress from, int seq) {
    }

    /** Sends an echo request with {@code seq} to {@code to}; 0 when sent, else the errno. Never blocks. */
    int send(InetAddress to, int seq);

    /** Waits at most {@code nanos} for one of our replies; null when none came in time. */
    Answer receive(long nanos);

    @Override
    void close();
}
