package io.heartline.membership;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A seed of the random simulation, turned into scenario files by {@link SeedScenarios}, replays
 * through {@link ScenarioRunner} action for action: so a failing seed's files pin exactly what
 * each node did.
 *
 * <p>With {@code -Dheartline.seed.scenarios.write=5004,seed-09011-n1-boot-096815} the files of those
 * seeds (every run of every node that did something), or those files, are also written into
 * {@code src/test/resources/scenarios}, for review and commit.
 */
class SeedScenarioTest {
    /** One seed of each kind of cluster SimulationTest runs, and a few more with partitions and fencing. */
    private static final int[] SEEDS = {7, 1013, 5004, 5013, 9002, 9011};

    /**
     * The seeds above, and those asked for with the property, whose files are also written into
     * the corpus: a seed ({@code 9011}: every run of every node that did something) or one file
     * ({@code seed-09011-n1-boot-096815}).
     */
    @Test
    void everyRunOfEveryNodeReplaysAsAScenario() throws IOException {
        List<String> asked = Arrays.stream(System.getProperty("heartline.seed.scenarios.write", "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        java.util.Set<Integer> seeds = new java.util.TreeSet<>();
        Arrays.stream(SEEDS).forEach(seeds::add);
        asked.forEach(a -> seeds.add(Integer.parseInt(a.startsWith("seed-") ? a.substring(5, 10) : a)));
        int files = 0;
        for (int seed : seeds) {
            Map<String, List<String>> scenarios = SeedScenarios.forSeed(seed);
            assertFalse(scenarios.isEmpty(), "seed " + seed + " made no scenario");
            for (Map.Entry<String, List<String>> e : scenarios.entrySet()) {
                new ScenarioRunner(e.getKey()).run(e.getValue());
                files++;
                String name = e.getKey().replace(".scn", "");
                if (asked.contains(String.valueOf(seed)) || asked.contains(name)) {
                    Files.write(SOURCE.resolve(e.getKey()), e.getValue());
                }
            }
        }
        assertTrue(files >= 2 * SEEDS.length, files + " files");
    }

    /** Where the corpus lives in the source tree (surefire runs in the module's directory). */
    private static final Path SOURCE = Path.of("src", "test", "resources", "scenarios");

    @Test
    void aSeedScenarioSaysWhatItChecksAndListsEveryAction() {
        List<String> f = SeedScenarios.forSeed(9011).values().iterator().next();
        assertTrue(f.get(0).startsWith("# Seed 9011 of SimulationTest (3 nodes, partitions on, fencing on)"), f.get(0));
        assertTrue(f.stream().anyMatch(l -> l.startsWith("> start web epoch=")), "a run that claims");
        assertTrue(f.stream().anyMatch(l -> l.startsWith("= web ")), "the final state is checked");
        // a line dropped from the expected actions fails the replay
        int i = f.indexOf(f.stream().filter(l -> l.startsWith("> start web")).findFirst().orElseThrow());
        List<String> broken = new java.util.ArrayList<>(f);
        broken.remove(i);
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> new ScenarioRunner("broken").run(broken));
    }
}
