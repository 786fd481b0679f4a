package io.heartline.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModeStoreTest {
    @TempDir
    Path dir;

    @Test
    void aNodeThatNeverWasInStandbyIsOnline() throws IOException {
        assertFalse(new ModeStore(dir).standby());
    }

    @Test
    void standbyIsKeptAcrossInstances() throws IOException {
        new ModeStore(dir).save(true);
        assertTrue(new ModeStore(dir).standby());
        new ModeStore(dir).save(false);
        assertFalse(new ModeStore(dir).standby());
        assertFalse(Files.exists(dir.resolve("mode.json.tmp")));
    }

    @Test
    void aDamagedFileIsAnErrorNamingTheFile() throws IOException {
        Files.writeString(dir.resolve("mode.json"), "{\"standby\": \"maybe\"}");
        IOException e = assertThrows(IOException.class, () -> new ModeStore(dir).standby());
        assertTrue(e.getMessage().contains("mode.json"), e.getMessage());
        assertTrue(e.getMessage().contains("'standby' must be true or false"), e.getMessage());
        Files.writeString(dir.resolve("mode.json"), "not json");
        assertEquals(true, assertThrows(IOException.class, () -> new ModeStore(dir).standby()).getMessage().contains("damaged"));
    }
}
