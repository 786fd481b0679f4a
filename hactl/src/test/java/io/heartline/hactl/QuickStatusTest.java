package io.heartline.hactl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link QuickStatus}: the plain forms of {@code hactl status} print exactly what picocli's path
 * prints, with the same exit code; everything else is left to picocli.
 */
class QuickStatusTest {
    @TempDir
    Path dir;

    @Test
    void thePlainFormsPrintWhatPicocliPrints() throws Exception {
        try (FakeDaemon daemon = FakeDaemon.answering(dir.resolve("c.sock"), StatusCommandTest.answer(StatusCommandTest.status()))) {
            String sock = daemon.socket.toString();
            Path config = dir.resolve("heartline.conf");
            Files.writeString(config, "heartline { control-socket = \"" + sock + "\" }\n");
            for (List<String> args : List.of(List.of("status", "--socket", sock), List.of("status", "--socket=" + sock),
                    List.of("status", "--json", "--socket", sock), List.of("status", "-o", "json", "--socket", sock),
                    List.of("status", "--output=json", "--socket", sock), List.of("status", "--output", "text", "--socket", sock),
                    List.of("status", "-c", config.toString()), List.of("status", "--config=" + config, "--json"))) {
                String[] a = args.toArray(String[]::new);
                Cli.Run quick = Cli.quick(a);
                Cli.Run picocli = Cli.hactl(a);
                assertEquals(0, quick.code(), args + ": " + quick.err());
                assertEquals(picocli, quick, args.toString());
            }
            assertEquals(Golden.read("status.txt"), Cli.quick("status", "--socket", sock).out());
        }
    }

    @Test
    void anUnreachableDaemonGetsTheSameMessageAndExitCode() {
        String sock = dir.resolve("none.sock").toString();
        for (List<String> args : List.of(List.of("status", "--socket", sock), List.of("status", "--json", "--socket", sock))) {
            String[] a = args.toArray(String[]::new);
            Cli.Run quick = Cli.quick(a);
            assertEquals(69, quick.code(), quick.err());
            assertEquals(Cli.hactl(a), quick, args.toString());
        }
    }

    @Test
    void everythingElseIsLeftToPicocli() {
        for (List<String> args : List.<List<String>>of(List.of(), List.of("events"), List.of("stauts"), List.of("status", "--watch"),
                List.of("status", "--watch", "2"), List.of("status", "--help"), List.of("status", "-h"),
                List.of("status", "--version"), List.of("status", "--bogus"), List.of("status", "extra"),
                List.of("status", "--output", "yaml"), List.of("status", "-ojson"), List.of("status", "--socket"),
                List.of("status", "--socket", "--json"), List.of("status", "--socket="),
                List.of("status", "--socket", "a", "--socket", "b"), List.of("status", "--json", "--json"),
                List.of("status", "-o", "json", "--output", "text"), List.of("status", "--json=true"))) {
            assertFalse(QuickStatus.parse(args.toArray(String[]::new), new SocketOptions(), new OutputOptions()),
                    args + " must go to picocli");
        }
        SocketOptions socket = new SocketOptions();
        OutputOptions output = new OutputOptions();
        assertTrue(QuickStatus.parse(new String[]{"status", "-o", "json", "--config", "x.conf"}, socket, output));
        assertTrue(output.isJson());
        assertEquals(Path.of("x.conf"), socket.config);
    }
}
