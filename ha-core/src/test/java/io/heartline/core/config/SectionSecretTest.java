package io.heartline.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code password} or {@code password-file} in a module's section: one or the other, never the placeholder. */
class SectionSecretTest {
    @TempDir
    Path dir;

    private static SectionConfig section(Map<String, Object> values) {
        return new SectionConfig("heartline.alerts.channels[0]", "smtp", "mail", values,
                Map.of("password", 7, "password-file", 8), "heartline.conf", 5);
    }

    @Test
    void aPasswordFileIsReadAndStripped() throws Exception {
        Path f = TestConfigFiles.secret(dir.resolve("smtp.password"), "pw-from-file\n");
        assertEquals("pw-from-file", section(Map.of("password-file", f.toString())).secret("password"));
        assertEquals("literal", section(Map.of("password", "literal")).secret("password"));
        assertNull(section(Map.of()).secret("password"));
    }

    @Test
    void bothKeysAreRefused() {
        ConfigProblem p = assertThrows(InvalidSectionException.class,
                () -> section(Map.of("password", "x", "password-file", "/etc/heartline/pw")).secret("password")).problem();
        assertEquals("heartline.alerts.channels[0].password-file", p.key());
        assertEquals(8, p.line());
        assertEquals("give either password or password-file, not both", p.message());
    }

    @Test
    void theFileMustBeSecretAndAbsolute() throws Exception {
        Path open = dir.resolve("open.password");
        Files.writeString(open, "pw");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-rw-r--"));
        ConfigProblem p = assertThrows(InvalidSectionException.class,
                () -> section(Map.of("password-file", open.toString())).secret("password")).problem();
        assertEquals("heartline.alerts.channels[0].password-file", p.key());
        assertTrue(p.message().startsWith("password file " + open + " is owned by"), p.message());
        assertTrue(p.message().contains("chmod 600 " + open), p.message());
        assertTrue(assertThrows(InvalidSectionException.class,
                () -> section(Map.of("password-file", "smtp.password")).secret("password")).getMessage()
                .contains("must be an absolute path"));
    }

    @Test
    void thePlaceholderIsRefusedInTheConfigAndInAFile() throws Exception {
        ConfigProblem p = assertThrows(InvalidSectionException.class,
                () -> section(Map.of("password", "Change-Me")).secret("password")).problem();
        assertEquals("heartline.alerts.channels[0].password", p.key());
        assertTrue(p.message().contains("placeholder: set a real password"), p.message());
        Path f = TestConfigFiles.secret(dir.resolve("pw"), "change-me\n");
        assertTrue(assertThrows(InvalidSectionException.class,
                () -> section(Map.of("password-file", f.toString())).secret("password")).getMessage().contains("placeholder"));
    }
}
