package io.heartline.daemon.lifecycle;

import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.state.VipListStore;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the VIP list ({@link VipListStore}, beside the control socket) naming every VIP this
 * daemon may have up, for {@code hactl cleanup-vips}'s fast path after a crash: written at start
 * before any VIP can be claimed; at a reload that changes VIPs, the old and the new ones while it
 * is applied, then the new ones (both still, if a VIP could not be removed). A list that cannot be
 * written is logged, not fatal: cleanup-vips then falls back to its Java path (slower, same decision).
 */
final class VipListKeeper {
    private static final Logger log = LoggerFactory.getLogger(VipListKeeper.class);

    private final VipListStore store;
    private final long pid;
    private final String startTicks;

    VipListKeeper(VipListStore store, long pid) {
        this.store = store;
        this.pid = pid;
        this.startTicks = VipListStore.startTicks(pid);
    }

    static VipListKeeper of(HeartlineConfig config) {
        return new VipListKeeper(VipListStore.beside(config.controlSocket()), ProcessHandle.current().pid());
    }

    void atStart(HeartlineConfig config) {
        write(config, VipListStore.entries(config.groups()));
    }

    void changing(HeartlineConfig previous, HeartlineConfig next) {
        write(next, VipListStore.union(VipListStore.entries(previous.groups()), VipListStore.entries(next.groups())));
    }

    void changed(HeartlineConfig previous, HeartlineConfig next, boolean allApplied) {
        if (allApplied) {
            write(next, VipListStore.entries(next.groups()));
        }
    }

    private void write(HeartlineConfig c, List<VipListStore.Entry> vips) {
        try {
            store.write(new VipListStore.Listed(c.source().toString(), c.self().name(), c.stateDir(), pid, startTicks, vips));
        } catch (IOException | RuntimeException e) {
            log.warn("cannot write the VIP list {} (hactl cleanup-vips will take its slower path): {}", store.file(), e.toString());
        }
    }
}
