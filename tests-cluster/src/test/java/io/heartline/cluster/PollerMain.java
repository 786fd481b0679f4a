package io.heartline.cluster;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The client of the cluster tests, run in the client namespace by {@link ClientPoller}:
 * {@code PollerMain HOST PORT INTERVAL_MS [TIMEOUT_MS]}. Every INTERVAL_MS it opens a TCP
 * connection (connect and read each bounded by TIMEOUT_MS, default 100), reads one line and
 * prints one line per attempt:
 *
 * <pre>
 * SINCE_START_MS EPOCH_MS LATENCY_MS OK ANSWER
 * SINCE_START_MS EPOCH_MS LATENCY_MS ERR TAG      (connect-timeout, read-timeout, refused, no-route, reset, empty, io-CLASS)
 * </pre>
 *
 * SINCE_START_MS comes from the monotonic clock, EPOCH_MS from the wall clock at the start of
 * the attempt (the test relates it to its own fault times; both run on one machine). An attempt
 * that overruns its slot is followed at once by the next, with no burst to catch up. The
 * poller exits when its stdout is gone (the test JVM ended).
 */
public final class PollerMain {
    private PollerMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: PollerMain HOST PORT INTERVAL_MS [TIMEOUT_MS]");
            System.exit(64);
        }
        InetSocketAddress target = new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1]));
        long intervalNanos = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[2]));
        int timeoutMillis = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);

        long start = System.nanoTime();
        out.println("# poller " + target + " every " + args[2] + " ms, timeout " + timeoutMillis
                + " ms, started at epoch " + System.currentTimeMillis());
        out.flush();
        long next = start;
        while (!out.checkError()) {
            long begin = System.nanoTime();
            long epoch = System.currentTimeMillis();
            String outcome = attempt(target, timeoutMillis);
            long end = System.nanoTime();
            out.println(TimeUnit.NANOSECONDS.toMillis(begin - start) + " " + epoch + " "
                    + TimeUnit.NANOSECONDS.toMillis(end - begin) + " " + outcome);
            out.flush();
            next = Math.max(next + intervalNanos, end);
            for (long wait = next - System.nanoTime(); wait > 0; wait = next - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    static String attempt(InetSocketAddress target, int timeoutMillis) {
        boolean connected = false;
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(target, timeoutMillis);
            connected = true;
            socket.setSoTimeout(timeoutMillis);
            String answer = readLine(socket.getInputStream());
            return answer.isEmpty() ? "ERR empty" : "OK " + answer;
        } catch (SocketTimeoutException e) {
            return connected ? "ERR read-timeout" : "ERR connect-timeout";
        } catch (NoRouteToHostException e) {
            return "ERR no-route";
        } catch (ConnectException e) {
            return "ERR refused";
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            return message.contains("reset") ? "ERR reset" : "ERR io-" + e.getClass().getSimpleName();
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n' && sb.length() < 200; c = in.read()) {
            sb.append((char) c);
        }
        return sb.toString().strip().replaceAll("\\s+", "_");
    }
}
