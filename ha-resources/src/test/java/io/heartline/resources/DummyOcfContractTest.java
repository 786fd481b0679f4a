package io.heartline.resources;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The contract kit on the real {@code ocf:heartbeat:Dummy} from Debian's resource-agents package. */
class DummyOcfContractTest extends ResourceAgentContract {
    @TempDir
    Path dir;

    @Override
    protected ResourceAgent createAgent() {
        String instance = "hl-dummy-" + ProcessHandle.current().pid();
        return new OcfAgent("heartbeat", "Dummy", instance, Map.of("state", dir.resolve("dummy.state").toString()),
                Duration.ofSeconds(10), AgentSettings.defaults());
    }

    @Override
    protected boolean hasMetaData() {
        return true;
    }
}
