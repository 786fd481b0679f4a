package io.heartline.daemon.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Root, the admin group as effective group, or a listed member; the group file reread at most every 5 s. */
class AdminGroupTest {
    @TempDir
    Path dir;

    @Test
    void rootTheGroupAndItsListedMembersAreAdmins() throws Exception {
        Path file = Files.writeString(dir.resolve("group"), "heartline:x:989:carol\nheartline-admin:x:990:alice, bob\n");
        TestClock clock = new TestClock();
        AdminGroup admins = new AdminGroup("heartline-admin", file, clock);
        assertTrue(admins.includes(new Caller("root", "root", true)));
        assertTrue(admins.includes(new Caller("alice", "alice", false)));
        assertTrue(admins.includes(new Caller("bob", "bob", false)));
        assertTrue(admins.includes(new Caller("dave", "heartline-admin", false)));
        assertFalse(admins.includes(new Caller("carol", "heartline", false)));

        Files.writeString(file, "heartline-admin:x:990:carol\n");
        clock.advance(Duration.ofSeconds(4));
        assertFalse(admins.includes(new Caller("carol", "heartline", false)), "not reread yet");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(admins.includes(new Caller("carol", "heartline", false)));
        assertFalse(admins.includes(new Caller("alice", "alice", false)));

        Files.delete(file);
        clock.advance(AdminGroup.REFRESH);
        assertFalse(admins.includes(new Caller("carol", "heartline", false)), "no file: only root and the effective group");
        assertTrue(admins.includes(new Caller("root", "root", true)));
    }
}
