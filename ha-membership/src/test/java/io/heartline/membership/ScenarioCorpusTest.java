package io.heartline.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.GroupState;
import io.heartline.core.journal.RecordKind;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scenario corpus as a whole: at least 200 files, each saying in its first line what it
 * checks, that together go through every row of the transition table ({@link GroupTransitions})
 * and make the decider write every journal record kind it can write (every {@code RecordKind.X}
 * named in its source). A new row or record kind without a scenario fails here.
 */
class ScenarioCorpusTest {
    private static final Path MAIN = Path.of("src", "main", "java", "io", "heartline", "membership");
    private static List<Path> files;
    private static final Set<String> rows = new TreeSet<>();
    private static final Set<RecordKind> kinds = EnumSet.noneOf(RecordKind.class);

    @BeforeAll
    static void runTheCorpus() throws IOException, URISyntaxException {
        try (Stream<Path> s = Files.list(ScenarioTest.dir())) {
            files = s.filter(p -> p.toString().endsWith(".scn")).sorted().toList();
        }
        for (Path f : files) {
            ScenarioRunner r = new ScenarioRunner(f.getFileName().toString());
            r.run(Files.readAllLines(f));
            rows.addAll(r.rows());
            kinds.addAll(r.kinds());
        }
    }

    @Test
    void atLeast200Scenarios() {
        assertTrue(files.size() >= 200, files.size() + " scenario files");
    }

    @Test
    void everyFileSaysWhatItChecksInItsFirstLine() throws IOException {
        List<String> silent = new ArrayList<>();
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            if (lines.isEmpty() || !lines.get(0).startsWith("# ") || lines.get(0).length() < 20) {
                silent.add(f.getFileName().toString());
            }
        }
        assertEquals(List.of(), silent, "files whose first line is not a comment saying what they check");
    }

    @Test
    void everyRowOfTheTransitionTableHasAScenario() {
        Set<String> table = new TreeSet<>();
        for (GroupState s : GroupState.values()) {
            for (GroupInput i : GroupInput.values()) {
                GroupTransitions.next(s, i).ifPresent(to -> table.add(s + " " + i));
            }
        }
        Set<String> missing = new TreeSet<>(table);
        missing.removeAll(rows);
        assertEquals(Set.of(), missing, "rows of the transition table no scenario goes through");
        assertTrue(table.containsAll(rows), "rows seen but not in the table: " + rows);
    }

    @Test
    void everyRecordKindTheDeciderWritesHasAScenario() throws IOException {
        Set<RecordKind> written = deciderKinds();
        assertTrue(written.size() >= 20 && written.contains(RecordKind.TRANSITION), "found in the source: " + written);
        Set<RecordKind> missing = EnumSet.copyOf(written);
        missing.removeAll(kinds);
        assertEquals(Set.of(), missing, "record kinds the decider writes that no scenario shows");
    }

    /** Every {@code RecordKind.X} the decider's source names: the kinds it can write. */
    static Set<RecordKind> deciderKinds() throws IOException {
        Set<RecordKind> out = EnumSet.noneOf(RecordKind.class);
        Pattern p = Pattern.compile("RecordKind\\.([A-Z_]+)");
        try (Stream<Path> s = Files.list(MAIN)) {
            for (Path f : s.filter(x -> x.toString().endsWith(".java")).toList()) {
                Matcher m = p.matcher(Files.readString(f));
                while (m.find()) {
                    out.add(RecordKind.valueOf(m.group(1)));
                }
            }
        }
        return out;
    }
}
