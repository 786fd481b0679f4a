package io.heartline.hactl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/golden}. Run with {@code -Dgolden.update=true} to
 * rewrite them from the current output, then read the diff before committing it.
 */
final class Golden {
    private static final Path SOURCE = Path.of("src/test/resources/golden");

    private Golden() {
    }

    static String read(String name) throws IOException {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IOException("no golden file " + name + " (run with -Dgolden.update=true to write it)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void assertMatches(String name, String actual) throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            Path file = SOURCE.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual);
            return;
        }
        assertEquals(read(name), actual, "golden file " + name);
    }
}
