package io.heartline.resources;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** The contract kit on the shipped rsync-sync script ("running" = owner of the data). */
class RsyncSyncContractTest extends ResourceAgentContract {
    @TempDir
    Path dir;

    @Override
    protected ResourceAgent createAgent() throws Exception {
        Files.createDirectories(dir.resolve("owner"));
        AgentSettings settings = AgentSettings.defaults().withScriptDir(TestScripts.shippedScripts());
        return new ScriptAgent("rsync-sync", List.of(dir.resolve("owner") + "/", dir.resolve("standby").toString(), "600",
                dir.resolve("state").toString()), settings);
    }

    @Override
    protected boolean hasMetaData() {
        return false;
    }

    /** stop leaves a puller behind on a standby; take the node out of the pair. */
    @Override
    protected void afterContract() throws Exception {
        ShippedScript sync = new ShippedScript("rsync-sync", java.util.Map.of());
        sync.run(dir.resolve("owner") + "/", dir.resolve("standby").toString(), "600", dir.resolve("state").toString(), "halt");
    }

    @Override
    protected Duration timeout() {
        return Duration.ofSeconds(20);
    }
}
