package io.heartline.hactl;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.AutoComplete;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build tool, run by {@code mvn package} (exec-maven-plugin): writes hactl's bash completion
 * ({@code bash_completion/hactl}) and one AsciiDoc man page per command ({@code asciidoc/hactl-*.adoc},
 * turned into troff by the asciidoctor-maven-plugin) from the picocli model, so they never drift from
 * the code. It lives with the tests to keep picocli-codegen out of hactl's runtime class path.
 */
public final class GenerateDocs {
    private GenerateDocs() {
    }

    /** {@code GenerateDocs OUTDIR} */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: GenerateDocs OUTDIR (got " + args.length + " arguments)");
        }
        generate(Path.of(args[0]));
    }

    static void generate(Path outDir) throws IOException {
        Path completion = outDir.resolve("bash_completion/hactl");
        Files.createDirectories(completion.getParent());
        Files.writeString(completion, AutoComplete.bash("hactl", Hactl.commandLine()));
        Files.setPosixFilePermissions(completion, PosixFilePermissions.fromString("rw-r--r--"));

        Path asciidoc = outDir.resolve("asciidoc");
        Files.createDirectories(asciidoc);
        int code = ManPageGenerator.generateManPage(asciidoc.toFile(), (File) null, new boolean[0], false,
                Hactl.commandLine().getCommandSpec());
        if (code != 0) {
            throw new IOException("picocli's ManPageGenerator failed with code " + code + " writing to " + asciidoc);
        }
    }

    /** Names of the man pages written for {@code hactl}, one per command: hactl, hactl-status, hactl-config-check, ... */
    static Set<String> pageNames(Path asciidoc) throws IOException {
        try (var files = Files.list(asciidoc)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".adoc"))
                    .map(n -> n.substring(0, n.length() - ".adoc".length())).collect(Collectors.toSet());
        }
    }
}
