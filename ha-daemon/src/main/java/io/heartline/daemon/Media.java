package io.heartline.daemon;

import io.heartline.core.config.AuthKey;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.MediumConfig;
import io.heartline.core.config.MulticastConfig;
import io.heartline.core.config.UnicastConfig;
import io.heartline.heartbeat.HeartbeatMedium;
import io.heartline.heartbeat.JGroupsMedium;
import io.heartline.heartbeat.MediumContext;
import io.heartline.core.ExitCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Builds the configured heartbeat media. */
final class Media {
    private Media() {
    }

    static List<HeartbeatMedium> create(HeartlineConfig c) throws StartupException {
        AuthKey key;
        try {
            key = AuthKey.load(c.authKeyFile());
        } catch (IOException e) {
            throw new StartupException(ExitCode.CONFIG, e.getMessage(), e);
        }
        MediumContext ctx = MediumContext.of(c.self(), c.nodes(), key);
        String cluster = "heartline-" + c.cluster();
        List<HeartbeatMedium> out = new ArrayList<>();
        for (MediumConfig m : c.media()) {
            if (m instanceof MulticastConfig mc) {
                out.add(JGroupsMedium.multicast(cluster, mc, c.timing(), ctx));
            } else if (m instanceof UnicastConfig uc) {
                out.add(JGroupsMedium.unicast(cluster, uc, c.nodes(), c.timing(), ctx));
            }
        }
        return out;
    }
}
