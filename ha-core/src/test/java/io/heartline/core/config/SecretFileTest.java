package io.heartline.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secret files are checked like ssh checks a private key. Works as root (CI) and as a normal
 * user: the files made here belong to whoever runs the test, which the check accepts.
 */
class SecretFileTest {
    @TempDir
    Path dir;

    private Path file(String content, String mode) throws IOException {
        Path f = dir.resolve("secret-" + mode);
        Files.writeString(f, content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    @Test
    void aFileOfOurOwnWithMode600IsRead() throws Exception {
        assertEquals("s3cret pass", SecretFile.read(file("  s3cret pass\n", "rw-------"), "password file"));
        assertEquals("k", SecretFile.read(file("k", "r--------"), "password file"), "read-only for the owner is fine");
    }

    @Test
    void anyAccessForGroupOrOthersIsRefusedWithOwnerModeAndFix() throws Exception {
        for (String mode : List.of("rw-r--r--", "rw-r-----", "rw----r--", "rw--w----", "rw-----w-", "rw------x")) {
            Path f = file("s3cret", mode);
            IOException e = assertThrows(IOException.class, () -> SecretFile.read(f, "password file"), mode);
            String m = e.getMessage();
            String owner = Files.getOwner(f).getName();
            assertTrue(m.startsWith("password file " + f + " is owned by " + owner + " (uid "), m);
            assertTrue(m.contains("with mode " + SecretFile.mode(PosixFilePermissions.fromString(mode))), m);
            assertTrue(m.contains("not be readable or writable by group or others"), m);
            assertTrue(m.endsWith("fix: chown root: " + f + "; chmod 600 " + f), m);
        }
    }

    @Test
    void modesAreWrittenInOctal() {
        assertEquals("0644", SecretFile.mode(PosixFilePermissions.fromString("rw-r--r--")));
        assertEquals("0600", SecretFile.mode(PosixFilePermissions.fromString("rw-------")));
        assertEquals("0751", SecretFile.mode(PosixFilePermissions.fromString("rwxr-x--x")));
    }

    @Test
    void theEffectiveUidIsTheOwnerOfWhatThisProcessCreates() throws Exception {
        Path f = file("x", "rw-------");
        assertEquals(Files.getAttribute(f, "unix:uid"), SecretFile.effectiveUid());
    }

    /** A file owned by neither root nor the user running the check: as root, hand it to another uid first. */
    @Test
    void aFileOfAnotherUserIsRefused() throws Exception {
        Path f = file("s3cret", "rw-------");
        if ((Integer) Files.getAttribute(f, "unix:uid") == 0) {
            Files.setAttribute(f, "unix:uid", 65534);
        }
        int owner = (Integer) Files.getAttribute(f, "unix:uid");
        int self = owner + 1;
        IOException e = assertThrows(IOException.class, () -> SecretFile.checkAccess(f, "auth key file", self));
        assertTrue(e.getMessage().contains("(uid " + owner + ") with mode 0600"), e.getMessage());
        assertTrue(e.getMessage().contains("must be owned by root or by the user running heartline (uid " + self + ")"),
                e.getMessage());
        SecretFile.checkAccess(f, "auth key file", owner);
    }

    @Test
    void aRootOwnedFileIsAcceptedWhoeverChecks() throws Exception {
        Path f = file("s3cret", "rw-------");
        if ((Integer) Files.getAttribute(f, "unix:uid") == 0) {
            SecretFile.checkAccess(f, "auth key file", 4242);
        } else {
            IOException e = assertThrows(IOException.class, () -> SecretFile.checkAccess(f, "auth key file", 4242));
            assertTrue(e.getMessage().contains("must be owned by root"), e.getMessage());
        }
    }

    @Test
    void missingEmptyDirectoryAndPlaceholderAreRefused() throws Exception {
        assertTrue(assertThrows(IOException.class, () -> SecretFile.read(dir.resolve("nope"), "password file"))
                .getMessage().contains("does not exist"));
        assertTrue(assertThrows(IOException.class, () -> SecretFile.read(dir, "password file"))
                .getMessage().contains("not a regular file"));
        assertTrue(assertThrows(IOException.class, () -> SecretFile.read(file(" \n", "rw-------"), "password file"))
                .getMessage().endsWith("is empty"));
        IOException e = assertThrows(IOException.class, () -> SecretFile.read(file("Change-Me\n", "rw-------"), "password file"));
        assertTrue(e.getMessage().contains("placeholder 'Change-Me': write a real secret"), e.getMessage());
    }

    @Test
    void thePlaceholderIsRecognisedInAnyCase() {
        assertTrue(SecretFile.isPlaceholder("change-me"));
        assertTrue(SecretFile.isPlaceholder(" CHANGE-ME "));
        assertFalse(SecretFile.isPlaceholder("change-me-now"));
        assertFalse(SecretFile.isPlaceholder(null));
    }
}
