package io.heartline.resources;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** The contract kit on the shipped demo-web script (heartbeat style, via {@link ScriptAgent}). */
class DemoWebContractTest extends ResourceAgentContract {
    @TempDir
    Path dir;

    @Override
    protected ResourceAgent createAgent() throws Exception {
        AgentSettings settings = AgentSettings.defaults().withScriptDir(TestScripts.shippedScripts());
        return new ScriptAgent("demo-web", List.of(Integer.toString(DemoWebScriptTest.freePort()), "contract-node",
                dir.resolve("demo-web.pid").toString()), settings);
    }

    @Override
    protected boolean hasMetaData() {
        return false;
    }
}
