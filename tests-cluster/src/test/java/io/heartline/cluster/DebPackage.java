package io.heartline.cluster;

import io.heartline.testkit.Shell;
import io.heartline.testkit.Timing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code heartline} Debian package built by {@code dist}, installed on this machine for one
 * test and purged afterwards. It refuses to start when anything of a Heartline installation is
 * already there (the package, its config, its state), so that the purge can never take an
 * operator's files. It also removes the {@code heartline} group afterwards when the group did not
 * exist before (the package itself keeps it on purge, as Debian packages do).
 */
final class DebPackage implements AutoCloseable {
    static final String NAME = "heartline";
    /** What the package installs, or what a previous installation would have left. */
    static final List<Path> FOOTPRINT = List.of(Path.of("/usr/bin/hactl"), Path.of("/usr/share/heartline"),
            Path.of("/etc/heartline/heartline.conf"), Path.of("/var/lib/heartline"),
            Path.of("/lib/systemd/system/heartline.service"));
    private static final Duration DPKG = Duration.ofSeconds(120);

    private final Path deb;
    static final String ADMIN_GROUP = "heartline-admin";
    private final boolean groupExisted;
    private final boolean adminGroupExisted;
    private boolean installed;

    private DebPackage(Path deb, boolean groupExisted, boolean adminGroupExisted) {
        this.deb = deb;
        this.groupExisted = groupExisted;
        this.adminGroupExisted = adminGroupExisted;
    }

    /** The .deb in {@code dir} (dist/target), checked to be the only one, on a machine without Heartline. */
    static DebPackage find(Path dir) {
        List<Path> debs;
        try (Stream<Path> files = Files.list(dir)) {
            debs = files.filter(p -> p.getFileName().toString().matches("heartline_.*_all\\.deb")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + " (build the dist module first: mvn -pl dist package)", e);
        }
        if (debs.size() != 1) {
            throw new AssertionError("expected one heartline_*_all.deb in " + dir + " (mvn -pl dist package), found " + debs);
        }
        if (installedVersion().isPresent()) {
            throw new AssertionError("the heartline package is installed on this machine (" + installedVersion().get()
                    + "): this test installs and purges its own copy and will not touch yours");
        }
        for (Path p : FOOTPRINT) {
            if (Files.exists(p)) {
                throw new AssertionError(p + " exists: this test would install over it and purge it; move it away first");
            }
        }
        return new DebPackage(debs.get(0), group().ok(), adminGroup().ok());
    }

    Path file() {
        return deb;
    }

    /** {@code dpkg -i}: every dependency must already be installed (scripts/install-deps). */
    Shell.Result install() {
        installed = true; // even a failed install may have unpacked files: purge in close()
        Shell.Result r = Shell.run(List.of("dpkg", "-i", deb.toString()), Timing.scaled(DPKG));
        if (!r.ok()) {
            throw new AssertionError("dpkg -i " + deb + " failed (" + r.exitCode() + "):\n" + r.stdout() + r.stderr());
        }
        return r;
    }

    /** {@code dpkg --purge heartline}; fails when dpkg does. */
    Shell.Result purge() {
        Shell.Result r = Shell.run(List.of("dpkg", "--purge", NAME), Timing.scaled(DPKG));
        installed = false;
        if (!r.ok()) {
            throw new AssertionError("dpkg --purge " + NAME + " failed (" + r.exitCode() + "):\n" + r.stdout() + r.stderr());
        }
        return r;
    }

    /** The installed version, from dpkg's database. */
    static java.util.Optional<String> installedVersion() {
        Shell.Result r = Shell.run("dpkg-query", "-W", "-f=${Status} ${Version}", NAME);
        return r.ok() && r.stdout().startsWith("install ok installed")
                ? java.util.Optional.of(r.stdout().substring("install ok installed".length()).strip())
                : java.util.Optional.empty();
    }

    /** {@code dpkg-query -W -f=FIELD heartline}, e.g. {@code ${Conffiles}}. */
    static String field(String format) {
        return Shell.check("dpkg-query", "-W", "-f=" + format, NAME).stdout();
    }

    static Shell.Result group() {
        return Shell.run("getent", "group", NAME);
    }

    static Shell.Result adminGroup() {
        return Shell.run("getent", "group", ADMIN_GROUP);
    }

    /** Purges if still installed, and removes the groups this test made. Safe to call twice. */
    @Override
    public void close() {
        try {
            if (installed || installedVersion().isPresent()) {
                purge();
            }
        } finally {
            if (!groupExisted && group().ok()) {
                Shell.run("groupdel", NAME);
            }
            if (!adminGroupExisted && adminGroup().ok()) {
                Shell.run("groupdel", ADMIN_GROUP);
            }
        }
    }
}
