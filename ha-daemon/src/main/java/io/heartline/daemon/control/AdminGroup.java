package io.heartline.daemon.control;

import io.heartline.core.Clock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may change the cluster: root, and the members of the admin group: a caller whose effective
 * group it is, or a user that the group file ({@code /etc/group}) lists in it. The file is reread at
 * most every {@link #REFRESH}, so that adding an operator needs no restart and a flood of requests
 * does not reread it each time. Groups known only to a directory service (LDAP, sssd) and not in the
 * file count only as the caller's effective group.
 */
final class AdminGroup {
    static final Path GROUP_FILE = Path.of("/etc/group");
    static final Duration REFRESH = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(AdminGroup.class);

    private final String name;
    private final Path file;
    private final Clock clock;
    private Set<String> members = Set.of();
    private long readAt;
    private boolean read;

    AdminGroup(String name, Path file, Clock clock) {
        this.name = name;
        this.file = file;
        this.clock = clock;
    }

    String name() {
        return name;
    }

    synchronized boolean includes(Caller caller) {
        return caller.root() || name.equals(caller.group()) || members().contains(caller.user());
    }

    private Set<String> members() {
        long now = clock.monotonicNanos();
        if (!read || now - readAt >= REFRESH.toNanos()) {
            read = true;
            readAt = now;
            members = readMembers();
        }
        return members;
    }

    /** The users listed in the group's line ({@code name:x:gid:user1,user2}); none when the file cannot be read. */
    private Set<String> readMembers() {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split(":", -1);
                if (f.length >= 4 && f[0].equals(name)) {
                    return f[3].isBlank() ? Set.of() : Set.of(f[3].trim().split("\\s*,\\s*"));
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("cannot read the members of {} from {}: {}; only root and its primary members may change the cluster",
                    name, file, e.toString());
        }
        return Set.of();
    }
}
