package io.heartline.resources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Stand-ins for ipvsadm, ipvsadm-save and ipvsadm-restore (this kernel has no IPVS): they keep a
 * "table" in a file and log every call, with restore's stdin, so tests see the command lines the
 * script would run. {@code broken()} makes them fail as on a kernel without the ip_vs module.
 */
final class FakeIpvs {
    final Path dir;
    final Path bin;
    final Path table;
    final Path calls;

    FakeIpvs(Path dir) throws IOException {
        this.dir = dir;
        this.bin = dir.resolve("bin");
        this.table = dir.resolve("table");
        this.calls = dir.resolve("calls");
        Files.writeString(table, "");
        Files.writeString(calls, "");
        String broken = "[ -e " + dir.resolve("broken") + " ] && { echo 'Can'\"'\"'t initialize ipvs: Protocol not available' >&2; exit 2; }\n";
        TestScripts.write(bin, "ipvsadm", "#!/bin/sh\necho \"ipvsadm $*\" >> " + calls + "\n" + broken
                + "[ \"$1\" = -C ] && { : > " + table + "; exit 0; }\nexit 1\n");
        TestScripts.write(bin, "ipvsadm-save", "#!/bin/sh\necho \"ipvsadm-save $*\" >> " + calls + "\n" + broken
                + "cat " + table + "\n");
        TestScripts.write(bin, "ipvsadm-restore", "#!/bin/sh\necho \"ipvsadm-restore $*\" >> " + calls + "\n" + broken
                + "while IFS= read -r l; do echo \"  < $l\" >> " + calls + "; echo \"$l\" >> " + table + "; done\n");
    }

    /** PATH with the fakes first and nothing else of ipvsadm's. */
    Map<String, String> env() {
        return Map.of("PATH", bin + ":/usr/bin:/bin");
    }

    List<String> calls() throws IOException {
        return Files.readAllLines(calls);
    }

    void clearCalls() throws IOException {
        Files.writeString(calls, "");
    }

    void broken() throws IOException {
        Files.writeString(dir.resolve("broken"), "");
    }
}
