package io.heartline.resources.lvs;

import io.heartline.core.config.ConfigProblem;
import io.heartline.core.config.InvalidSectionException;
import io.heartline.core.config.SectionConfig;
import io.heartline.resources.AgentSettings;
import io.heartline.resources.Resource;
import io.heartline.resources.ResourceAgent;
import io.heartline.resources.ResourceAgents;
import io.heartline.resources.ResourceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The resources of a group's section: an {@code lvs-director} script with {@code virtual-services}
 * becomes an {@link LvsDirectorResource}, everything else what {@link ResourceAgents} makes. The
 * checks' section is {@link LvsSection}; its file and state-dependent checks are here.
 */
public final class LvsDirectors {
    /** Where the script reads its rules when its first argument does not say. */
    public static final Path DEFAULT_RULES = Path.of("/etc/heartline/ipvsadm.rules");

    private LvsDirectors() {
    }

    /**
     * The resource for {@code s}. With {@code virtual-services}, the expected table is kept in
     * {@code STATE_DIR/lvs/GROUP.NAME.rules}.
     *
     * @throws InvalidSectionException for a bad {@code virtual-services}
     */
    public static Resource resource(String group, SectionConfig s, ResourceSpec spec, AgentSettings settings, Path stateDir,
                                    RealServerListener listener) throws InvalidSectionException {
        List<VirtualServiceSpec> specs = LvsSection.parse(s);
        if (specs.isEmpty()) {
            return ResourceAgents.resource(spec, settings);
        }
        if (!spec.kind().equals("script")) {
            throw s.invalid(LvsSection.KEY, notAScript(spec));
        }
        Path expected = stateDir.resolve("lvs").resolve(group + "." + spec.name() + ".rules");
        Map<String, String> params = new HashMap<>(spec.params());
        params.put("1", expected.toString());
        ResourceAgent script = ResourceAgents.create(spec, settings);
        ResourceAgent expectedStatus = ResourceAgents.create(ResourceSpec.of(spec.name(), spec.kind(), params), settings);
        return new LvsDirectorResource(group, spec.name(), script, expectedStatus, specs, rulesFile(spec), expected,
                CheckerParts.real(settings), listener);
    }

    /**
     * {@code hactl config check}'s part: the section read, the resource a script, its rules
     * file readable and in {@code ipvsadm-save -n} form, and every check fitting it
     * ({@link VirtualServices#mismatches}). Each problem names its key.
     */
    public static List<ConfigProblem> check(SectionConfig s, ResourceSpec spec) {
        List<VirtualServiceSpec> specs;
        try {
            specs = LvsSection.parse(s);
        } catch (InvalidSectionException e) {
            return List.of(e.problem());
        }
        if (specs.isEmpty()) {
            return List.of();
        }
        if (spec == null) {
            return List.of();
        }
        if (!spec.kind().equals("script")) {
            return List.of(s.problem(LvsSection.KEY, notAScript(spec)));
        }
        Path file = rulesFile(spec);
        IpvsRules rules;
        try {
            rules = IpvsRules.parse(Files.readString(file));
        } catch (IOException e) {
            return List.of(s.problem(LvsSection.KEY, "cannot read the rules file " + file + " (params.1, the file the"
                    + " script loads): " + e.getMessage()));
        } catch (IllegalArgumentException e) {
            return List.of(s.problem(LvsSection.KEY, "the rules file " + file + " is not in ipvsadm-save -n form: " + e.getMessage()));
        }
        List<ConfigProblem> out = new ArrayList<>();
        for (VirtualServices.Mismatch m : VirtualServices.mismatches(specs, rules, file)) {
            out.add(s.problem(m.subkey(), m.message()));
        }
        return out;
    }

    /** The script's rules file: its first argument, else {@link #DEFAULT_RULES}. */
    public static Path rulesFile(ResourceSpec spec) {
        String first = spec.params().get("1");
        return first == null || first.isBlank() ? DEFAULT_RULES : Path.of(first);
    }

    private static String notAScript(ResourceSpec spec) {
        return "real-server checks are for the lvs-director script (type = script), not type '" + spec.kind() + "'";
    }
}
