package io.heartline.resources;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract kit on an LSB init script (a sleep managed through a pid file). */
class LsbScriptContractTest extends ResourceAgentContract {
    @TempDir
    Path root;

    @Override
    protected ResourceAgent createAgent() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/agents/sleeper")) {
            TestScripts.write(root.resolve("init.d"), "sleeper", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        Files.createDirectories(root.resolve("run"));
        return new LsbAgent("sleeper", AgentSettings.defaults().withInitDir(root.resolve("init.d")));
    }

    @Override
    protected boolean hasMetaData() {
        return false;
    }
}
