package io.heartline.resources;

import io.heartline.core.Clock;
import io.heartline.core.config.ConfigCheck;
import io.heartline.core.config.ConfigProblem;
import io.heartline.core.config.GroupConfig;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.InvalidSectionException;
import io.heartline.core.config.SectionConfig;
import io.heartline.resources.lvs.LvsDirectors;
import io.heartline.resources.lvs.LvsSection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A group's {@code resources} from the config file:
 * <pre>
 * { name = db, type = "ocf:heartbeat:Dummy", params { state = "/run/db.state" },
 *   start-timeout = 20s, stop-timeout = 20s, monitor-interval = 10s, monitor-timeout = 20s,
 *   on-fail = restart, max-restarts = 3, restart-window = 5m }
 * </pre>
 * {@code type}: {@code script} (heartbeat style, in {@code resource-dir}), {@code lsb},
 * {@code ocf:PROVIDER:TYPE} or {@code probe}. {@code on-fail}: restart | failover | block | ignore.
 * The {@code lvs-director} script also takes {@code virtual-services}, its real-server checks
 * ({@link LvsSection}).
 */
public final class ResourceSections {
    private static final Set<String> KEYS = Set.of("params", "start-timeout", "stop-timeout", "monitor-interval",
            "monitor-timeout", "on-fail", "max-restarts", "restart-window", LvsSection.KEY);

    private ResourceSections() {
    }

    public static AgentSettings settings(HeartlineConfig c, Clock clock) {
        return AgentSettings.defaults().withScriptDir(c.resourceDir()).withInitDir(c.initDir()).withClock(clock);
    }

    public static ResourceSpec spec(SectionConfig s) throws InvalidSectionException {
        s.onlyKeys(KEYS);
        ResourcePolicy d = ResourcePolicy.defaults();
        OnFail onFail = onFail(s, d.onFail());
        try {
            return new ResourceSpec(s.name(), s.type(), s.stringMap("params"), s.duration("start-timeout", d.startTimeout()),
                    s.duration("stop-timeout", d.stopTimeout()), s.duration("monitor-interval", d.monitorInterval()),
                    s.duration("monitor-timeout", d.monitorTimeout()), onFail);
        } catch (IllegalArgumentException e) {
            throw s.invalid(null, e.getMessage());
        }
    }

    private static OnFail onFail(SectionConfig s, OnFail d) throws InvalidSectionException {
        String action = s.string("on-fail", d.action().name().toLowerCase(Locale.ROOT));
        OnFail.Action a;
        try {
            a = OnFail.Action.valueOf(action.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw s.invalid("on-fail", "'" + action + "' is not one of restart, failover, block, ignore");
        }
        Duration window = s.duration("restart-window", d.restartWindow());
        return new OnFail(a, s.integer("max-restarts", a == OnFail.Action.RESTART ? d.maxRestarts() : 0, 0, 1000), window);
    }

    /** The {@link ConfigCheck} for resources: each spec, and the agent as installed on this machine. */
    public static final class Check implements ConfigCheck {
        @Override
        public List<ConfigProblem> check(HeartlineConfig config) {
            List<ConfigProblem> problems = new ArrayList<>();
            AgentSettings settings = settings(config, Clock.system());
            for (GroupConfig g : config.groups()) {
                for (SectionConfig s : g.resources()) {
                    ResourceSpec spec = null;
                    try {
                        spec = spec(s);
                        for (String p : ResourceAgents.check(spec, settings)) {
                            problems.add(s.problem("type", p));
                        }
                    } catch (InvalidSectionException e) {
                        problems.add(e.problem());
                    }
                    problems.addAll(LvsDirectors.check(s, spec));
                }
            }
            return problems;
        }
    }
}
