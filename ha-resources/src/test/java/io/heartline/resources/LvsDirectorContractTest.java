package io.heartline.resources;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** The contract kit on the shipped lvs-director script, over fake ipvsadm tools. */
class LvsDirectorContractTest extends ResourceAgentContract {
    @TempDir
    Path dir;

    static ScriptAgent agent(FakeIpvs ipvs, Path rules) {
        AgentSettings settings = AgentSettings.defaults().withScriptDir(TestScripts.shippedScripts())
                .withCommandPrefix(List.of("env", "PATH=" + ipvs.env().get("PATH")));
        return new ScriptAgent("lvs-director", List.of(rules.toString()), settings);
    }

    @Override
    protected ResourceAgent createAgent() throws Exception {
        Path rules = dir.resolve("ipvsadm.rules");
        Files.writeString(rules, LvsDirectorScriptTest.RULES);
        return agent(new FakeIpvs(dir), rules);
    }

    @Override
    protected boolean hasMetaData() {
        return false;
    }
}
