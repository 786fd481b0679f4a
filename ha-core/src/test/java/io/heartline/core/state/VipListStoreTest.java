package io.heartline.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.config.VipConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VipListStoreTest {
    @TempDir
    Path dir;

    static VipListStore.Entry entry(String group, String addr, int prefix, String iface) throws IOException {
        return new VipListStore.Entry(group, new VipConfig(InetAddress.getByName(addr), prefix, iface));
    }

    @Test
    void theListIsWrittenAsLinesAShellReadsAndReadBack() throws IOException {
        VipListStore store = VipListStore.beside(dir.resolve("control.sock"));
        assertEquals(dir.resolve("vips"), store.file());
        List<VipListStore.Entry> vips = List.of(entry("web", "10.0.0.10", 24, "eth0"), entry("db", "fd00::5", 64, "eth1"));
        store.write(new VipListStore.Listed("/etc/heartline/heartline.conf", "a", dir.resolve("state"), 4242, "987", vips));

        List<String> lines = Files.readAllLines(store.file());
        assertEquals("config /etc/heartline/heartline.conf", lines.get(1));
        assertEquals("state-dir " + dir.resolve("state"), lines.get(3));
        assertEquals("pid 4242 987", lines.get(4));
        assertEquals("10.0.0.10/24 eth0 web", lines.get(5));
        assertEquals("fd00:0:0:0:0:0:0:5/64 eth1 db", lines.get(6));
        assertFalse(Files.exists(dir.resolve("vips.tmp")));

        VipListStore.Listed back = store.read().orElseThrow();
        assertEquals(vips, back.vips());
        assertEquals(4242, back.pid());
        assertEquals("987", back.startTicks());
        assertEquals("a", back.node());
        assertEquals("/etc/heartline/heartline.conf", back.config());
    }

    @Test
    void noFileIsNoListAndABadLineIsAnErrorNamingTheFile() throws IOException {
        VipListStore store = new VipListStore(dir.resolve("vips"));
        assertTrue(store.read().isEmpty());
        Files.writeString(store.file(), "pid 1 2\nexample.com/24 eth0 web\n");
        IOException e = assertThrows(IOException.class, store::read);
        assertTrue(e.getMessage().contains(store.file().toString()) && e.getMessage().contains("not an address"), e.getMessage());
    }

    @Test
    void aReloadListsTheOldAndTheNewVipsOnce() throws IOException {
        VipListStore.Entry a = entry("web", "10.0.0.10", 24, "eth0");
        VipListStore.Entry b = entry("web", "10.0.0.11", 24, "eth0");
        VipListStore.Entry c = entry("web", "10.0.0.12", 24, "eth0");
        assertEquals(List.of(a, b, c), VipListStore.union(List.of(a, b), List.of(b, c)));
    }

    @Test
    void theStartTimeOfThisProcessIsReadFromProc() {
        String ticks = VipListStore.startTicks(ProcessHandle.current().pid());
        if (Files.isReadable(Path.of("/proc/self/stat"))) {
            assertTrue(ticks.matches("[0-9]+"), ticks);
        }
        assertEquals("", VipListStore.startTicks(Long.MAX_VALUE));
    }
}
