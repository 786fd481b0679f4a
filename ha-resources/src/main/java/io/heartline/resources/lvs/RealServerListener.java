package io.heartline.resources.lvs;

import io.heartline.resources.CheckResult;

/**
 * Told what the real-server checks of an {@code lvs-director} resource see and do, for the
 * journal and the metrics. Called on the checks' own thread, never the event loop's; must not
 * block.
 */
public interface RealServerListener {
    /** Ignores everything. */
    RealServerListener NONE = new RealServerListener() {
    };

    /** Every check's result. */
    default void checked(String group, String resource, IpvsService service, Endpoint server, CheckResult result) {
    }

    /** A real server's health changed (after rise passes or fall failures in a row). */
    default void healthChanged(String group, String resource, IpvsService service, Endpoint server,
                               RealServerHealth.State from, RealServerHealth.State to, String cause) {
    }

    /** The sorry server went into the table ({@code in}) or out of it. */
    default void sorryServer(String group, String resource, IpvsService service, Endpoint server, boolean in) {
    }

    /** One ipvsadm change, done or failed ({@code output}: what ipvsadm printed). */
    default void ipvsChanged(String group, String resource, IpvsCommand command, boolean ok, String output) {
    }
}
