package io.heartline.hactl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.config.GroupConfig;
import io.heartline.core.config.VipConfig;
import io.heartline.core.state.Ownership;
import io.heartline.core.state.VipListStore;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which VIPs {@code hactl cleanup-vips} removes once the daemon is gone. */
class StaleVipsTest {
    static final VipConfig WEB = vip("10.0.0.10", "eth0");
    static final VipConfig WEB6 = vip("2001:db8::10", "eth0");
    static final VipConfig DB = vip("10.0.1.10", "eth1");
    static final List<GroupConfig> GROUPS = List.of(new GroupConfig("web", List.of(WEB, WEB6), List.of()),
            new GroupConfig("db", List.of(DB), List.of()), new GroupConfig("batch", List.of(), List.of()));

    static VipConfig vip(String address, String iface) {
        try {
            return new VipConfig(InetAddress.getByName(address), address.contains(":") ? 64 : 24, iface);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void afterACrashEveryVipGoesAlsoThoseTheOnDiskTermSaysAreOwnedHere() {
        Map<String, Ownership> terms = Map.of("web", new Ownership(3, "a"), "db", new Ownership(5, "b"));
        StaleVips.Plan plan = StaleVips.decide("a", false, false, GROUPS, terms);
        assertEquals(List.of(new StaleVips.Target("web", WEB, true), new StaleVips.Target("web", WEB6, true),
                new StaleVips.Target("db", DB, false)), plan.targets());
        assertTrue(plan.reason().contains("no daemon runs on a"), plan.reason());
    }

    @Test
    void unknownTermsStillRemoveEverything() {
        StaleVips.Plan plan = StaleVips.decide("a", false, false, GROUPS, Map.of());
        assertEquals(3, plan.targets().size());
        assertTrue(plan.targets().stream().noneMatch(StaleVips.Target::ownedHereOnDisk));
    }

    @Test
    void aRunningDaemonKeepsEveryVipWhateverTheDiskSays() {
        StaleVips.Plan plan = StaleVips.decide("a", true, false, GROUPS, Map.of("web", new Ownership(3, "b")));
        assertTrue(plan.leavesEverything());
        assertTrue(plan.reason().contains("the daemon is running"), plan.reason());
    }

    @Test
    void maintenanceLeavesEveryVipAsItIs() {
        StaleVips.Plan plan = StaleVips.decide("a", false, true, GROUPS, Map.of("web", new Ownership(3, "a")));
        assertTrue(plan.leavesEverything());
        assertTrue(plan.reason().contains("a was in maintenance"), plan.reason());
    }

    @Test
    void noVipsNothingToDo() {
        StaleVips.Plan plan = StaleVips.decide("a", false, false, List.of(GROUPS.get(2)), Map.of());
        assertTrue(plan.leavesEverything());
        assertEquals("no group has a VIP", plan.reason());
    }

    @Test
    void theDaemonsListAddsWhatItRanThatTheEditedConfigNoLongerNamesAndNothingTwice() {
        VipConfig old = vip("10.0.2.10", "eth0");
        List<VipListStore.Entry> listed = List.of(new VipListStore.Entry("web", WEB), new VipListStore.Entry("web", old));
        StaleVips.Plan plan = StaleVips.decide("a", false, false, GROUPS, listed, Map.of("web", new Ownership(3, "a")));
        assertEquals(List.of(new StaleVips.Target("web", WEB, true), new StaleVips.Target("web", WEB6, true),
                new StaleVips.Target("db", DB, false), new StaleVips.Target("web", old, true)), plan.targets());
        assertTrue(StaleVips.decide("a", false, true, GROUPS, listed, Map.of()).leavesEverything(), "maintenance");
        assertTrue(StaleVips.decide("a", true, false, GROUPS, listed, Map.of()).leavesEverything(), "a running daemon");
    }
}
