package io.heartline.cluster;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The labs of this JVM that are not closed yet, and the shutdown hook that closes them when
 * the JVM ends first (an interrupted build, a test that never reached its teardown).
 * A SIGKILLed JVM runs no hook: its namespaces stay, named {@code hl<pid>x<n>-*}.
 */
final class LabRegistry {
    private static final Set<Lab> OPEN = new LinkedHashSet<>();
    private static boolean hookInstalled;

    private LabRegistry() {
    }

    static synchronized void register(Lab lab) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(LabRegistry::closeAll, "heartline-lab-teardown"));
            hookInstalled = true;
        }
        OPEN.add(lab);
    }

    static synchronized void unregister(Lab lab) {
        OPEN.remove(lab);
    }

    static synchronized List<Lab> open() {
        return List.copyOf(OPEN);
    }

    /** Closes every open lab; what the shutdown hook runs. */
    static void closeAll() {
        List<Lab> labs;
        synchronized (LabRegistry.class) {
            labs = new ArrayList<>(OPEN);
        }
        for (Lab lab : labs) {
            System.err.println("heartline: closing lab " + lab.prefix() + " left open");
            try {
                lab.close();
            } catch (RuntimeException e) {
                System.err.println("heartline: teardown of lab " + lab.prefix() + " failed: " + e);
                for (Throwable suppressed : e.getSuppressed()) {
                    System.err.println("  " + suppressed);
                }
            }
        }
    }
}
