package io.heartline.hactl.migrate;

import java.nio.file.Path;
import java.util.List;

/**
 * What only the command line can tell: which node this is ({@code --node NAME[=ADDRESS]}), the
 * other nodes ({@code --peer NAME[=ADDRESS]}), the auth key ({@code --auth-key-file}; else
 * {@code usualAuthKeyFile} when it exists), and where the nodes keep their resource scripts, init
 * scripts and IPVS rules (null: heartline's defaults).
 */
public record ImportOptions(NodeSpec self, List<NodeSpec> peers, Path authKeyFile, Path usualAuthKeyFile, Path resourceDir,
                            Path initDir, Path ipvsRules) {
    public ImportOptions {
        peers = List.copyOf(peers);
    }
}
