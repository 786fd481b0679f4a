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
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> run(f)));
    }

    /**
     * With {@code -Dheartline.scenarios.regenerate=true} each file's '>' lines are rewritten in the
     * source tree from what the decider did: review the diff before committing it.
     */
    private static void run(Path f) throws IOException {
        String name = f.getFileName().toString();
        List<String> lines = Files.readAllLines(f);
        if (!Boolean.getBoolean("heartline.scenarios.regenerate")) {
            new ScenarioRunner(name).run(lines);
            return;
        }
        ScenarioRunner r = new ScenarioRunner(name, true);
        r.run(lines);
        List<String> out = r.regenerated(lines);
        if (!out.equals(lines)) {
            Files.write(SOURCE.resolve(name), out);
        }
    }

    /** Where the files live in the source tree (surefire runs in the module's directory). */
    private static final Path SOURCE = Path.of("src", "test", "resources", "scenarios");

    @Test
    void thereAreScenarios() throws IOException, URISyntaxException {
        try (Stream<Path> s = Files.list(dir())) {
            assertTrue(s.filter(p -> p.toString().endsWith(".scn")).count() >= 10);
        }
    }

    @Test
    void anUnlistedActionFails() {
        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () ->
                new ScenarioRunner("inline").run(List.of("nodes node-a:100 node-b:50", "self node-a", "groups web",
                        "@100 peer node-b inc=1 web=0//INIT", "> record peer-alive peer=node-b medium=multicast",
                        "@300")));
        assertTrue(e.getMessage().contains("@300") && e.getMessage().contains("do not list"), e.getMessage());
    }

    @Test
    void aPrefixIsNotEnough() {
        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () ->
                new ScenarioRunner("inline").run(List.of("nodes node-a:100 node-b:50", "self node-a", "groups web",
                        "@100 peer node-b inc=1 web=0//INIT", "> record peer-alive")));
        assertTrue(e.getMessage().contains("inline:5"), e.getMessage());
    }

    @Test
    void regeneratingKeepsCommentsAndFillsInTheMissingActions() {
        List<String> in = List.of("nodes node-a:100 node-b:50", "self node-a", "groups web",
                "@100 peer node-b inc=1 web=0//INIT", "@300", "# the claim", "> start web", "> nothing like this", "= web ACTIVE 1/node-a");
        ScenarioRunner r = new ScenarioRunner("inline", true);
        r.run(in);
        List<String> out = r.regenerated(in);
        assertTrue(out.indexOf("# the claim") < out.indexOf("> start web epoch=1"), out.toString());
        assertTrue(out.contains("> persist web=1/node-a") && !out.contains("> nothing like this"), out.toString());
        new ScenarioRunner("regenerated").run(out);
    }

    @Test
    void aWrongExpectationFails() {
        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () ->
                new ScenarioRunner("inline").run(List.of("nodes node-a:100 node-b:50", "self node-a", "groups web",
                        "@0", "> start web")));
        assertTrue(e.getMessage().contains("inline:5"), e.getMessage());
    }
}
