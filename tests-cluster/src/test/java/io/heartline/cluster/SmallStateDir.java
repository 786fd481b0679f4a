package io.heartline.cluster;

import io.heartline.testkit.Shell;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A node's state directory on a small tmpfs of its own, so that a test can fill it or make it
 * read-only under a running daemon. Mounted on the host before the daemon starts (the daemon's
 * mount namespace, made by {@code ip netns exec}, then holds a copy of the same file system:
 * "full" and "read-only" are properties of the file system and reach it). The lab unmounts it when
 * it closes, also when the test failed, after keeping the journal that lived on it.
 */
final class SmallStateDir implements AutoCloseable {
    private final Lab lab;
    private final String node;
    private final Path dir;
    private boolean mounted;

    private SmallStateDir(Lab lab, String node, Path dir) {
        this.lab = lab;
        this.node = node;
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code size} (e.g. {@code 4m}) on {@code dir}; the lab unmounts it on close. */
    static SmallStateDir mount(Lab lab, String node, Path dir, String size) {
        SmallStateDir d = new SmallStateDir(lab, node, dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lab.onClose(d);
        Shell.check("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0700", "tmpfs-" + lab.prefix() + node, dir.toString());
        d.mounted = true;
        lab.note("state dir of " + node + ": tmpfs of " + size + " on " + dir);
        return d;
    }

    /** Fills the file system to the last byte (a filler file written until ENOSPC). */
    void fill() {
        Shell.run("dd", "if=/dev/zero", "of=" + filler(), "bs=16k"); // ends with "No space left on device"
        Shell.Result probe = Shell.run("sh", "-c", "echo x > " + dir.resolve(".probe"));
        if (probe.ok()) {
            throw new IllegalStateException("state dir " + dir + " still takes writes after filling it");
        }
        lab.note("state dir of " + node + " full");
    }

    /** Removes the filler: space is back. */
    void free() {
        try {
            Files.deleteIfExists(filler());
            Files.deleteIfExists(dir.resolve(".probe"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lab.note("state dir of " + node + " has space again");
    }

    /**
     * Makes the directory read-only for the daemon whose pid is {@code daemonPid}: a read-only bind
     * mount of the directory over itself, inside the daemon's own mount namespace. (Remounting the
     * file system itself read-only is refused, "busy", while the daemon holds its journal open for
     * writing.) New files there fail with EROFS, as on a read-only file system, so the epoch's
     * temporary file cannot be written; the journal, already open, keeps being written.
     */
    void readOnly(long daemonPid) {
        String d = dir.toString();
        Shell.check("nsenter", "-t", Long.toString(daemonPid), "-m", "mount", "--bind", d, d);
        Shell.check("nsenter", "-t", Long.toString(daemonPid), "-m", "mount", "-o", "remount,bind,ro", d);
        lab.note("state dir of " + node + " read-only for pid " + daemonPid);
    }

    /** Undoes {@link #readOnly} for the same daemon. */
    void writable(long daemonPid) {
        Shell.check("nsenter", "-t", Long.toString(daemonPid), "-m", "umount", dir.toString());
        lab.note("state dir of " + node + " writable again");
    }

    Path dir() {
        return dir;
    }

    private Path filler() {
        return dir.resolve("filler");
    }

    /** Keeps the journal with the lab's logs, then unmounts (lazily: the daemon may still hold files open). */
    @Override
    public void close() {
        if (!mounted) {
            return;
        }
        try {
            Path journal = dir.resolve("events.jsonl");
            if (Files.exists(journal)) {
                Files.copy(journal, lab.logDir().resolve(node + "-tmpfs-events.jsonl"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            lab.note("cannot keep the journal of " + node + ": " + e);
        }
        Shell.Result r = Shell.run("umount", "-l", dir.toString());
        mounted = false;
        lab.note("state dir of " + node + " unmounted: exit " + r.exitCode());
        if (!r.ok()) {
            throw new IllegalStateException("umount -l " + dir + ": " + r.stderr().strip());
        }
    }
}
