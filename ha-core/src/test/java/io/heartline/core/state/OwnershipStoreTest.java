package io.heartline.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnershipStoreTest {
    @TempDir
    Path dir;

    @Test
    void roundTrips() throws IOException {
        OwnershipStore store = new OwnershipStore(dir);
        assertTrue(store.load().isEmpty());
        store.save(Map.of("web", new Ownership(7, "node-b"), "db", Ownership.NONE));
        Map<String, Ownership> back = new OwnershipStore(dir).load();
        assertEquals(new Ownership(7, "node-b"), back.get("web"));
        assertEquals(Ownership.NONE, back.get("db"));
        assertTrue(Files.notExists(dir.resolve("ownership.json.tmp")));
    }

    @Test
    void aDamagedFileIsAnErrorNotAReset() throws IOException {
        Files.writeString(dir.resolve("ownership.json"), "{ \"web\": garbage");
        IOException e = assertThrows(IOException.class, () -> new OwnershipStore(dir).load());
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }
}
