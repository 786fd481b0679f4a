package io.heartline.resources;

import io.heartline.core.process.AgentProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An OCF resource agent, {@code ocf:PROVIDER:TYPE}, run unchanged as
 * {@code $OCF_ROOT/resource.d/PROVIDER/TYPE ACTION} (OCF RA API 1.0; the environment Pacemaker
 * gives, so agents from the {@code resource-agents} package work as they are):
 *
 * <pre>
 * OCF_ROOT                     the OCF root (default /usr/lib/ocf)
 * OCF_RA_VERSION_MAJOR/MINOR   1 / 0
 * OCF_RESOURCE_INSTANCE        the resource's name
 * OCF_RESOURCE_TYPE            TYPE
 * OCF_RESOURCE_PROVIDER        PROVIDER
 * OCF_RESKEY_&lt;param&gt;           one per configured parameter
 * OCF_RESKEY_CRM_meta_timeout  this operation's timeout, in milliseconds
 * OCF_RESKEY_CRM_meta_interval monitor only: the recurring interval in ms (0 = a one-off probe)
 * </pre>
 *
 * Actions are {@code start}, {@code stop}, {@code monitor}, {@code validate-all} and
 * {@code meta-data}; the exit code is the OCF status ({@link OcfStatus#fromExit}). Inherited
 * {@code OCF_*} variables are removed first. The timeout is enforced by {@link AgentProcess}.
 */
public final class OcfAgent extends CommandAgent {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Default bound for the meta-data action. */
    public static final Duration META_DATA_TIMEOUT = Duration.ofSeconds(5);

    private final String provider;
    private final String type;
    private final String instance;
    private final Map<String, String> params;
    private final Duration monitorInterval;

    /**
     * @param instance        the resource's name ({@code OCF_RESOURCE_INSTANCE})
     * @param monitorInterval passed as {@code OCF_RESKEY_CRM_meta_interval} on monitor; zero for probes
     */
    public OcfAgent(String provider, String type, String instance, Map<String, String> params,
                    Duration monitorInterval, AgentSettings settings) {
        super(settings, settings.ocfRoot().resolve("resource.d").resolve(provider).resolve(type));
        this.provider = Objects.requireNonNull(provider, "provider");
        this.type = Objects.requireNonNull(type, "type");
        this.instance = Objects.requireNonNull(instance, "instance");
        this.params = Map.copyOf(params);
        this.monitorInterval = Objects.requireNonNull(monitorInterval, "monitorInterval");
    }

    @Override
    public OperationResult run(Operation op, Duration timeout) {
        var broken = notRunnable(op);
        if (broken.isPresent()) {
            return broken.get();
        }
        try {
            AgentProcess.Result outcome = exec(List.of(op.ocfAction()), environment(op, timeout), timeout);
            OcfStatus status = OcfStatus.fromExit(outcome.exitCode());
            if (op == Operation.META_DATA && !outcome.timedOut()) {
                return OperationResult.of(op, status, outcome.stdout(), outcome.took());
            }
            return result(op, outcome, status);
        } catch (IOException e) {
            return cannotRun(op, e);
        }
    }

    /** The environment for one operation (see the class comment). */
    Map<String, String> environment(Operation op, Duration timeout) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OCF_ROOT", settings.ocfRoot().toString());
        env.put("OCF_RA_VERSION_MAJOR", "1");
        env.put("OCF_RA_VERSION_MINOR", "0");
        env.put("OCF_RESOURCE_INSTANCE", instance);
        env.put("OCF_RESOURCE_TYPE", type);
        env.put("OCF_RESOURCE_PROVIDER", provider);
        params.forEach((k, v) -> env.put("OCF_RESKEY_" + k, v));
        env.put("OCF_RESKEY_CRM_meta_timeout", Long.toString(timeout.toMillis()));
        if (op == Operation.MONITOR) {
            env.put("OCF_RESKEY_CRM_meta_interval", Long.toString(monitorInterval.toMillis()));
        }
        return env;
    }

    /**
     * Runs {@code meta-data} and parses it.
     *
     * @throws InvalidMetaDataException if the agent fails to answer or answers something that is not OCF meta-data
     */
    public MetaData metaData() {
        OperationResult r = run(Operation.META_DATA, META_DATA_TIMEOUT);
        if (!r.succeeded()) {
            throw new InvalidMetaDataException(describe() + ": meta-data failed: " + r.summary()
                    + (r.output().isBlank() ? "" : ": " + r.output().strip()));
        }
        return MetaDataParser.parse(r.output());
    }

    /**
     * Problems with this resource's parameters: the agent missing, unreadable meta-data, names
     * that cannot be environment variables, and everything {@link MetaData#validateParams} finds.
     */
    public List<String> validateParams() {
        List<String> problems = new ArrayList<>();
        var broken = notRunnable(Operation.META_DATA);
        if (broken.isPresent()) {
            problems.add(describe() + ": " + broken.get().output());
            return problems;
        }
        for (String name : params.keySet()) {
            if (!ENV_NAME.matcher(name).matches()) {
                problems.add("parameter name '" + name + "' cannot be passed as OCF_RESKEY_" + name);
            }
        }
        try {
            problems.addAll(metaData().validateParams(params));
        } catch (InvalidMetaDataException e) {
            problems.add(describe() + ": " + e.getMessage());
        }
        return problems;
    }

    @Override
    public String describe() {
        return "ocf:" + provider + ":" + type + " (" + instance + ")";
    }
}
