package io.heartline.resources;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Stand-ins for ipvsadm, ipvsadm-save and ipvsadm-restore (this kernel has no IPVS): the shared
 * fake {@code lvs/fake-ipvsadm} (a test resource, also used by the cluster tests) keeps a "table"
 * in a file, changes it as ipvsadm would for -C, -a, -e, -d and restore, lists it for -L -n, and
 * logs every call, with restore's stdin, so tests see the command lines that ran. {@code broken()}
 * makes them fail as on a kernel without the ip_vs module.
 */
public final class FakeIpvs {
    public final Path dir;
    public final Path bin;
    public final Path table;
    public final Path calls;

    public FakeIpvs(Path dir) throws IOException {
        this.dir = dir;
        this.bin = dir.resolve("bin");
        this.table = dir.resolve("table");
        this.calls = dir.resolve("calls");
        Files.createDirectories(dir);
        Files.writeString(table, "");
        Files.writeString(calls, "");
        byte[] fake;
        try (InputStream in = FakeIpvs.class.getResourceAsStream("/lvs/fake-ipvsadm")) {
            fake = in.readAllBytes();
        }
        for (String name : List.of("ipvsadm", "ipvsadm-save", "ipvsadm-restore")) {
            TestScripts.write(bin, name, new String(fake, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** PATH with the fakes first and nothing else of ipvsadm's. */
    public Map<String, String> env() {
        return Map.of("PATH", bin + ":/usr/bin:/bin");
    }

    public List<String> calls() throws IOException {
        return Files.readAllLines(calls);
    }

    public void clearCalls() throws IOException {
        Files.writeString(calls, "");
    }

    public void broken() throws IOException {
        Files.writeString(dir.resolve("broken"), "");
    }
}
