package io.heartline.core.state;

import io.heartline.core.journal.JournalEntry;
import io.heartline.core.journal.RecordKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code hactl cleanup-vips}'s fast path (the launcher script, no JVM) did, left in
 * {@code <state-dir>/cleanup-vips.notes} for the next daemon to journal: the journal's lines carry
 * a {@code seq} that only its writer knows, so the script cannot append to it. Lines, appended by each
 * run:
 *
 * <pre>
 * exit service_result=signal exit_code=killed exit_status=KILL   how the daemon ended (systemd's variables; may be empty)
 * removed 10.0.0.10/24 eth0 web
 * left 10.0.0.11/24 eth1 web RTNETLINK answers: Operation not permitted
 * </pre>
 *
 * Their time is the file's last change (the script has no clock without a fork).
 */
public final class CleanupNotes {
    public static final String FILE_NAME = "cleanup-vips.notes";

    private final Path file;

    public CleanupNotes(Path stateDir) {
        this.file = stateDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** The notes as journal entries of {@code node} ({@code stale-vip-removed}, {@code stale-vip-left}); the file is removed. */
    public List<JournalEntry> take(String node) throws IOException {
        List<String> lines;
        Instant time;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            time = Files.getLastModifiedTime(file).toInstant();
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<JournalEntry> out = new ArrayList<>();
        String exit = "";
        for (String line : lines) {
            String[] w = line.strip().split("\\s+", 5);
            if (w[0].equals("exit")) {
                exit = line.strip().substring(4).strip();
                continue;
            }
            boolean removed = w[0].equals("removed");
            if (!removed && !w[0].equals("left") || w.length < 3) {
                continue; // not ours, or cut short by a crash of the script itself
            }
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("vip", w[1] + " dev " + w[2]);
            f.put("by", "cleanup-vips");
            f.put("path", "fast");
            if (!exit.isEmpty()) {
                f.put("daemon_exit", exit);
            }
            String group = w.length > 3 && !w[3].equals("-") ? w[3] : null;
            if (removed) {
                out.add(new JournalEntry(time, node, RecordKind.STALE_VIP_REMOVED.wireName(), group,
                        "VIP left up by a daemon that did not release it; removed by hactl cleanup-vips (launcher, ip addr del)", f));
            } else {
                String error = w.length > 4 ? w[4] : "ip addr del failed";
                f.put("error", error);
                out.add(new JournalEntry(time, node, RecordKind.STALE_VIP_LEFT.wireName(), group,
                        "hactl cleanup-vips could not remove a VIP the dead daemon left up: " + error, f));
            }
        }
        Files.deleteIfExists(file);
        return out;
    }
}
