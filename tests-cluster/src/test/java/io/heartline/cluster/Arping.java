package io.heartline.cluster;

import io.heartline.testkit.Shell;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Gratuitous ARP from a test, with iputils' {@code arping} (Debian package iputils-arping). */
public final class Arping {
    private Arping() {
    }

    /** Whether an iputils {@code arping} is on the PATH (Habets' arping has other options). */
    public static boolean available() {
        Optional<Path> arping = onPath("arping");
        return arping.isPresent() && Shell.run(arping.get().toString(), "-V").stdout().contains("iputils");
    }

    /**
     * One unsolicited ARP request announcing {@code ip} from {@code iface} (sender and target
     * address both {@code ip}): neighbours that have an entry for {@code ip} update its MAC.
     * The packet leaves at once; the command returns about one second later.
     */
    public static List<String> unsolicited(String iface, String ip) {
        return List.of("arping", "-U", "-c", "1", "-I", iface, ip);
    }

    static Optional<Path> onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        for (String dir : List.of("/usr/sbin", "/sbin")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
