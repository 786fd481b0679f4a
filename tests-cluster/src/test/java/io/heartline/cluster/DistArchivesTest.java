package io.heartline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.testkit.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the tarball and the {@code .deb} built by {@code dist} hold, read from their listings
 * ({@code tar -tvzf}, {@code dpkg-deb --contents}; nothing is installed): every shipped resource
 * script from {@code scripts/resources} (executable), hactl's man pages and its bash completion.
 * {@link DebPackageIT} installs the {@code .deb} and checks the same files on disk.
 */
class DistArchivesTest {
    private static final Path TARGET = Path.of("..", "dist", "target");
    private static final Duration LIST = Duration.ofSeconds(60);

    /** The scripts in scripts/resources, the source of what both archives must ship. */
    static List<String> resourceScripts() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "scripts", "resources"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("README.md")).sorted().toList();
            assertTrue(names.containsAll(List.of("demo-web", "lvs-director", "rsync-sync")), names.toString());
            return names;
        }
    }

    @Test
    void theTarballHasTheResourceScriptsManPagesAndCompletion() throws IOException {
        Path tarball = only("heartline-.*\\.tar\\.gz");
        String base = tarball.getFileName().toString().replace(".tar.gz", "") + "/";
        String listing = list("tar", "-tvzf", tarball.toString());
        for (String script : resourceScripts()) {
            assertListed(listing, "-rwxr-xr-x", base + "resources/" + script);
        }
        assertListed(listing, "-rw-r--r--", base + "resources/README.md");
        assertListed(listing, "-rw-r--r--", base + "man/man1/hactl.1");
        assertListed(listing, "-rw-r--r--", base + "man/man1/hactl-status.1");
        assertListed(listing, "-rw-r--r--", base + "completion/hactl");
        assertListed(listing, "-rwxr-xr-x", base + "bin/hactl");
    }

    @Test
    void theDebHasTheResourceScriptsManPagesAndCompletion() throws IOException {
        String listing = list("dpkg-deb", "--contents", only("heartline_.*_all\\.deb").toString());
        for (String script : resourceScripts()) {
            assertListed(listing, "-rwxr-xr-x", "./usr/share/heartline/resources/" + script);
        }
        assertListed(listing, "-rw-r--r--", "./usr/share/doc/heartline/resources/README.md");
        assertListed(listing, "-rw-r--r--", "./usr/share/man/man1/hactl.1");
        assertListed(listing, "-rw-r--r--", "./usr/share/man/man1/hactl-status.1");
        assertListed(listing, "-rw-r--r--", "./usr/share/bash-completion/completions/hactl");
    }

    /** One line of the listing has {@code mode} first and ends in {@code path}. */
    private static void assertListed(String listing, String mode, String path) {
        Pattern line = Pattern.compile("(?m)^" + Pattern.quote(mode) + " .* " + Pattern.quote(path) + "$");
        assertTrue(line.matcher(listing).find(), mode + " " + path + " not in:\n" + listing);
    }

    private static String list(String... command) {
        Shell.Result r = Shell.run(List.of(command), LIST);
        assertEquals(0, r.exitCode(), String.join(" ", command) + ": " + r.stderr());
        assertFalse(r.stdout().isBlank(), String.join(" ", command) + " listed nothing");
        return r.stdout();
    }

    private static Path only(String regex) throws IOException {
        try (Stream<Path> files = Files.list(TARGET)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().matches(regex)).toList();
            assertEquals(1, found.size(), "expected one " + regex + " in dist/target (build dist first), found " + found);
            return found.get(0);
        }
    }
}
