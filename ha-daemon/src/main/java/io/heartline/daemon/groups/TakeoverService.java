package io.heartline.daemon.groups;

import io.heartline.daemon.StartupException;
import io.heartline.core.ExitCode;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.VipConfig;
import io.heartline.takeover.AddressManager;
import io.heartline.takeover.AddressManagers;
import io.heartline.takeover.RawSocketGarpSender;
import io.heartline.takeover.Takeover;
import io.heartline.takeover.TakeoverException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The takeover machinery and what it owns: the address manager (netlink), the raw ARP socket
 * (opened and warmed up at start, never at takeover time) and the GARP timer thread.
 */
public record TakeoverService(Takeover takeover, AddressManager addresses, RawSocketGarpSender garp,
                     ScheduledExecutorService garpTimer) implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TakeoverService.class);

    public static TakeoverService open(HeartlineConfig config) throws StartupException {
        AddressManager addresses = AddressManagers.create();
        RawSocketGarpSender garp;
        try {
            garp = new RawSocketGarpSender();
            List<String> ifaces = config.groups().stream().flatMap(g -> g.vips().stream())
                    .map(VipConfig::iface).distinct().toList();
            garp.warmUp(ifaces);
        } catch (TakeoverException e) {
            throw new StartupException(ExitCode.OSERR, "cannot open the gratuitous ARP socket: " + e.getMessage(), e);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heartline-garp");
            t.setDaemon(true);
            return t;
        });
        return new TakeoverService(new Takeover(addresses, garp, config.garp(), timer), addresses, garp, timer);
    }

    @Override
    public void close() {
        garpTimer.shutdownNow();
        garp.close();
        try {
            addresses.close();
        } catch (Exception e) {
            log.warn("closing address manager: {}", e.toString());
        }
    }

}
