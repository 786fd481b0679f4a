package io.heartline.membership;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every file in {@code src/test/resources/scenarios}: events in, expected actions and states out. */
class ScenarioTest {
    static Path dir() throws URISyntaxException {
        return Path.of(ScenarioTest.class.getResource("/scenarios").toURI());
    }

    @TestFactory
    Stream<DynamicTest> scenarios() throws IOException, URISyntaxException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir())) {
            files = s.filter(p -> p.toString().endsWith(".scn")).sorted().toList();
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(),
                () -> new ScenarioRunner(f.getFileName().toString()).run(Files.readAllLines(f))));
    }

    @Test
    void thereAreScenarios() throws IOException, URISyntaxException {
        try (Stream<Path> s = Files.list(dir())) {
            assertTrue(s.filter(p -> p.toString().endsWith(".scn")).count() >= 10);
        }
    }

    @Test
    void aWrongExpectationFails() {
        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () ->
                new ScenarioRunner("inline").run(List.of("nodes node-a:100 node-b:50", "self node-a", "groups web",
                        "@0", "> start web")));
        assertTrue(e.getMessage().contains("inline:5"), e.getMessage());
    }
}
