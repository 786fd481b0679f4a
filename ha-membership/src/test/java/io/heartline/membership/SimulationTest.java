package io.heartline.membership;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Whole clusters of deciders in virtual time ({@link ClusterSim}): beacons with jitter, crashes and
 * restarts (epochs from each node's "disk"), partitions, and hactl failovers, in random schedules.
 * Invariants: without a partition, never two holders at once; after the last fault, exactly one
 * owner that every live node agrees on. A failing seed writes one scenario file per node
 * ({@link SeedScenarios}) and names them in its failure.
 */
class SimulationTest {
    @Test
    void twoNodesWithoutPartitionsNeverHaveTwoHolders() {
        for (int seed = 0; seed < 300; seed++) {
            new ClusterSim(seed, 2, false, false).run();
        }
    }

    @Test
    void threeNodesWithoutPartitionsNeverHaveTwoHolders() {
        for (int seed = 0; seed < 150; seed++) {
            new ClusterSim(1000 + seed, 3, false, false).run();
        }
    }

    /** With fencing (a fence powers the target off), even partitions never give two holders at once. */
    @Test
    void withFencingEvenPartitionsNeverHaveTwoHolders() {
        int fences = 0;
        for (int seed = 0; seed < 300; seed++) {
            ClusterSim sim = new ClusterSim(9000 + seed, seed % 2 == 0 ? 2 : 3, true, true);
            sim.run();
            fences += sim.fences;
        }
        assertTrue(fences > 100, "the schedules must really fence (" + fences + " fences)");
    }

    @Test
    void partitionsAlwaysEndWithOneOwner() {
        for (int seed = 0; seed < 300; seed++) {
            new ClusterSim(5000 + seed, seed % 2 == 0 ? 2 : 3, true, false).run();
        }
    }

    /** {@link ClusterSim#forSeed} rebuilds the cluster each test above runs for a seed. */
    @Test
    void aSeedNamesItsCluster() {
        ClusterSim s = ClusterSim.forSeed(9001);
        assertTrue(s.size == 3 && s.partitions && s.fencing, "seed 9001: 3 nodes, partitions, fencing");
        ClusterSim t = ClusterSim.forSeed(1042);
        assertTrue(t.size == 3 && !t.partitions && !t.fencing, "seed 1042: 3 nodes, no partitions, no fencing");
        ClusterSim u = ClusterSim.forSeed(5000);
        assertTrue(u.size == 2 && u.partitions && !u.fencing, "seed 5000: 2 nodes, partitions, no fencing");
    }
}
