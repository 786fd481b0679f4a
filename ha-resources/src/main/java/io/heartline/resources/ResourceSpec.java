package io.heartline.resources;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A configured resource as the config file will describe it: its name, its kind, the kind's
 * parameters, and its {@link ResourcePolicy} fields. Kinds:
 *
 * <pre>
 * script         heartbeat-style DIR/SCRIPT [ARGS…] start|stop|status
 *                params: script (default: the name), 1, 2, … positional arguments
 * lsb            /etc/init.d/SERVICE start|stop|status;   params: service (default: the name)
 * ocf:PROV:TYPE  $OCF_ROOT/resource.d/PROV/TYPE;         params: the agent's own (OCF_RESKEY_*)
 * probe          built-in TCP-then-HTTP monitor;          params: see {@link ProbeAgent}
 * </pre>
 */
public record ResourceSpec(String name, String kind, Map<String, String> params, Duration startTimeout,
                           Duration stopTimeout, Duration monitorInterval, Duration monitorTimeout, OnFail onFail) {

    public ResourceSpec {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.contains("/") || !name.strip().equals(name)) {
            throw new IllegalArgumentException("bad resource name '" + name + "': non-empty, no '/', no surrounding blanks");
        }
        Objects.requireNonNull(kind, "kind");
        params = Map.copyOf(params);
        policyOf(startTimeout, stopTimeout, monitorInterval, monitorTimeout, onFail);
    }

    /** A spec with {@link ResourcePolicy#defaults()}. */
    public static ResourceSpec of(String name, String kind, Map<String, String> params) {
        ResourcePolicy d = ResourcePolicy.defaults();
        return new ResourceSpec(name, kind, params, d.startTimeout(), d.stopTimeout(), d.monitorInterval(),
                d.monitorTimeout(), d.onFail());
    }

    public ResourcePolicy policy() {
        return policyOf(startTimeout, stopTimeout, monitorInterval, monitorTimeout, onFail);
    }

    public ResourceSpec withPolicy(ResourcePolicy p) {
        return new ResourceSpec(name, kind, params, p.startTimeout(), p.stopTimeout(), p.monitorInterval(),
                p.monitorTimeout(), p.onFail());
    }

    private static ResourcePolicy policyOf(Duration start, Duration stop, Duration interval, Duration monitor, OnFail onFail) {
        return new ResourcePolicy(start, stop, interval, monitor, onFail);
    }
}
