package io.heartline.hactl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The build's generator writes the completion script and one man page per command, subcommands included. */
class GenerateDocsTest {
    @TempDir
    Path out;

    @Test
    void writesTheBashCompletionAndAManPagePerCommand() throws Exception {
        GenerateDocs.generate(out);

        String completion = Files.readString(out.resolve("bash_completion/hactl"));
        assertTrue(completion.contains("complete -F _complete_hactl") && completion.contains("hactl"), completion);
        for (String word : new String[] {"standby", "maintenance", "fence-ack", "--follow", "--watch", "--output"}) {
            assertTrue(completion.contains(word), "completion lacks " + word);
        }

        Set<String> expected = new TreeSet<>();
        names(Hactl.commandLine(), "hactl", expected);
        assertEquals(expected, new TreeSet<>(GenerateDocs.pageNames(out.resolve("asciidoc"))));
        assertTrue(expected.containsAll(Set.of("hactl", "hactl-status", "hactl-events", "hactl-config-check",
                "hactl-maintenance", "hactl-resource-cleanup", "hactl-version")), expected.toString());

        String status = Files.readString(out.resolve("asciidoc/hactl-status.adoc"));
        assertTrue(status.contains(":doctype: manpage") && status.contains("--watch"), status);
    }

    private static void names(CommandLine cl, String name, Set<String> into) {
        into.add(name);
        cl.getSubcommands().forEach((sub, child) -> names(child, name + "-" + sub, into));
    }
}
