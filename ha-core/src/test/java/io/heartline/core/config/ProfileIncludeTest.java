package io.heartline.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped timing profiles (etc/profiles, installed as /etc/heartline/profiles) as an operator
 * uses them: {@code include "profiles/fast.conf"} inside the {@code heartline} block of a
 * heartline.conf, resolved next to it, with keys written after the include overriding the
 * profile's. A missing profile is a problem that names it, never a silent fall-back to defaults.
 */
class ProfileIncludeTest {
    private static final Path SHIPPED = Path.of("..", "etc", "profiles");
    private static final Duration MS = Duration.ofMillis(1);

    @TempDir
    Path dir;

    @BeforeEach
    void profiles() throws IOException {
        Files.createDirectories(dir.resolve("profiles"));
        for (String name : List.of("fast.conf", "default.conf")) {
            Files.copy(SHIPPED.resolve(name), dir.resolve("profiles").resolve(name));
        }
    }

    @Test
    void theFastProfileIsTenMsBeaconsWithTheTwoStageDetector() throws Exception {
        HeartlineConfig c = TestConfigFiles.load(dir, "include \"profiles/fast.conf\"");
        TimingConfig t = c.timing();
        assertEquals(new TimingConfig(MS.multipliedBy(10), MS.multipliedBy(300), MS.multipliedBy(150), Duration.ofSeconds(2),
                20, MS.multipliedBy(30), MS.multipliedBy(5), TimingConfig.DEFAULT_PROBE_PORT), t);
        assertTrue(t.twoStage(), "suspicion must come before the deadtime: " + t);
        // issue 15's targets for the profile: confirm within 5 ms, deadtime of at least 300 ms
        assertTrue(t.confirmTimeout().compareTo(MS.multipliedBy(5)) <= 0, t.toString());
        assertTrue(t.deadtime().compareTo(MS.multipliedBy(300)) >= 0, t.toString());
        // the GARP settings the benchmark's fast setting has always used, now in the profile itself
        assertEquals(new GarpConfig(3, MS.multipliedBy(20), Duration.ofSeconds(1)), c.garp());
    }

    @Test
    void theDefaultProfileIsTheReferenceDefaultsWrittenOut() throws Exception {
        HeartlineConfig plain = TestConfigFiles.load(dir, "");
        HeartlineConfig profiled = TestConfigFiles.load(dir, "include \"profiles/default.conf\"");
        assertEquals(plain.timing(), profiled.timing());
        assertEquals(plain.garp(), profiled.garp());
        assertEquals(Duration.ofMillis(600), profiled.timing().suspectAfter());
    }

    @Test
    void theDefaultProfileLeavesSuspectAfterToFollowTheInterval() throws Exception {
        HeartlineConfig c = TestConfigFiles.load(dir, "include \"profiles/default.conf\"\n  timing { interval = 100ms }");
        assertEquals(Duration.ofMillis(300), c.timing().suspectAfter());
        assertEquals(Duration.ofSeconds(1), c.timing().deadtime());
    }

    @Test
    void keysWrittenAfterTheIncludeOverrideTheProfileAndTheRestIsKept() throws Exception {
        HeartlineConfig c = TestConfigFiles.load(dir,
                "include \"profiles/fast.conf\"\n  timing { deadtime = 400ms, realtime-priority = 0 }\n  garp.count = 5");
        TimingConfig t = c.timing();
        assertEquals(Duration.ofMillis(400), t.deadtime());
        assertEquals(0, t.realtimePriority());
        assertEquals(Duration.ofMillis(10), t.interval());
        assertEquals(Duration.ofMillis(30), t.suspectAfter());
        assertEquals(Duration.ofMillis(5), t.confirmTimeout());
        assertEquals(new GarpConfig(5, MS.multipliedBy(20), Duration.ofSeconds(1)), c.garp());
    }

    @Test
    void keysWrittenBeforeTheIncludeAreOverriddenByIt() throws Exception {
        HeartlineConfig c = TestConfigFiles.load(dir, "timing { deadtime = 400ms }\n  include \"profiles/fast.conf\"");
        assertEquals(Duration.ofMillis(300), c.timing().deadtime());
    }

    @Test
    void aMissingProfileIsAProblemThatNamesItAndWhereItWasLookedFor() throws Exception {
        List<ConfigProblem> p = TestConfigFiles.problems(dir, "include \"profiles/fsat.conf\"");
        assertEquals(1, p.size(), p.toString());
        ConfigProblem problem = p.get(0);
        assertEquals(dir.resolve("heartline.conf").toString(), problem.file());
        assertEquals(11, problem.line(), problem.toString());
        assertTrue(problem.message().startsWith("include \"profiles/fsat.conf\": no such file "
                + dir.resolve("profiles/fsat.conf")), problem.toString());
    }

    @Test
    void aMissingFileIncludeIsAProblemToo() throws Exception {
        Path nowhere = dir.resolve("nowhere.conf");
        List<ConfigProblem> p = TestConfigFiles.problems(dir, "include file(\"" + nowhere + "\")");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).message().startsWith("include file(\"" + nowhere + "\"): no such file " + nowhere), p.toString());
    }

    @Test
    void aMissingIncludeInsideAProfileNamesTheFileItLookedFor() throws Exception {
        Files.writeString(dir.resolve("profiles/mine.conf"), "include \"base.conf\"\ntiming.deadtime = 400ms\n");
        List<ConfigProblem> p = TestConfigFiles.problems(dir, "include \"profiles/mine.conf\"");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).message().startsWith("include \"base.conf\": no such file " + dir.resolve("profiles/base.conf")),
                p.toString());
    }

    @Test
    void aBadValueInAProfileIsNamedWithTheProfilesFileAndLine() throws Exception {
        Path mine = dir.resolve("profiles/mine.conf");
        Files.writeString(mine, "timing {\n  interval = 10ms\n  deadtime = soon\n}\n");
        List<ConfigProblem> p = TestConfigFiles.problems(dir, "include \"profiles/mine.conf\"");
        assertEquals(List.of(new ConfigProblem(mine.toString(), 3, "heartline.timing.deadtime",
                "must be a duration such as 200ms or 1s")), p);
    }

    @Test
    void aKeyMissingFromABlockMergedWithAnIncludedFileIsNamedAtTheBlocksLineInTheFile() throws Exception {
        // found by ConfigFuzzTest: a top-level include of a file with a heartline block of its own, both blocks on
        // line 1, makes the block a merge of two files that Typesafe describes ("merge of ...") with no line
        Files.writeString(dir.resolve("part.conf"), "heartline.garp.count = 7\n");
        Path main = dir.resolve("heartline.conf");
        Files.writeString(main, "heartline {\n  cluster = lvs\n}\ninclude \"part.conf\"\n");
        ConfigReport r = ConfigLoader.check(main, name -> true);
        ConfigProblem node = r.problems().stream().filter(q -> "heartline.node".equals(q.key())).findFirst()
                .orElseThrow(() -> new AssertionError(r.problems().toString()));
        assertEquals(main.toString(), node.file(), node.toString());
        assertEquals(1, node.line(), node.toString());
    }
}
