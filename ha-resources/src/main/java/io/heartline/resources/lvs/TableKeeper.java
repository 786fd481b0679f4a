package io.heartline.resources.lvs;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the plans: runs each ipvsadm command in turn and keeps what the checked services'
 * real servers are in the table now ({@link #applied}), starting from the rules file as the
 * script loaded it. A failed command ends its plan; the table is then read back
 * ({@code ipvsadm -L -n}) so the next plan starts from what the kernel holds, and the next
 * check's result retries. After {@value #GIVE_UP} failures in a row it gives up: the resource's
 * monitor then fails and the on-fail policy takes over (restart, then fail over).
 *
 * <p>After each plan it writes the expected table (the rules file with the checks' changes) for
 * the script's {@code status} to compare with. Plans and that monitor take {@link #lock()}, so
 * the monitor never sees a table half changed.
 */
final class TableKeeper {
    static final int GIVE_UP = 3;
    private static final Logger log = LoggerFactory.getLogger(TableKeeper.class);

    private final String group;
    private final String resource;
    private final IpvsRules rules;
    private final Ipvsadm ipvsadm;
    private final Duration timeout;
    private final Path expectedFile;
    private final RealServerListener listener;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<IpvsService, Map<Endpoint, Integer>> applied = new LinkedHashMap<>();
    private final Map<IpvsService, Set<Endpoint>> known = new LinkedHashMap<>();
    private final Map<IpvsService, IpvsDest> sorries = new LinkedHashMap<>();
    private volatile int failuresInARow;
    private volatile String lastFailure;

    /**
     * @param expectedFile where to write the expected table; null for nowhere
     */
    TableKeeper(String group, String resource, IpvsRules rules, List<VirtualServices.VirtualService> services,
                Ipvsadm ipvsadm, Duration timeout, Path expectedFile, RealServerListener listener) {
        this.group = group;
        this.resource = resource;
        this.rules = rules;
        this.ipvsadm = ipvsadm;
        this.timeout = timeout;
        this.expectedFile = expectedFile;
        this.listener = listener;
        for (VirtualServices.VirtualService vs : services) {
            Map<Endpoint, Integer> weights = new LinkedHashMap<>();
            Set<Endpoint> servers = new HashSet<>();
            vs.dests().forEach(c -> {
                weights.put(c.dest().server(), c.dest().weight());
                servers.add(c.dest().server());
            });
            if (vs.sorry() != null) {
                servers.add(vs.sorry().server());
                sorries.put(vs.service(), vs.sorry());
            }
            applied.put(vs.service(), weights);
            known.put(vs.service(), servers);
        }
    }

    ReentrantLock lock() {
        return lock;
    }

    /** The servers of {@code service} in the table now, with their weights. */
    Map<Endpoint, Integer> applied(IpvsService service) {
        lock.lock();
        try {
            return Map.copyOf(applied.get(service));
        } finally {
            lock.unlock();
        }
    }

    /** Null while it keeps going; else why it gave up. */
    String givenUp() {
        return failuresInARow >= GIVE_UP ? "ipvsadm failed " + failuresInARow + " times in a row: " + lastFailure : null;
    }

    /** Runs {@code plan} for {@code service}, command by command, until one fails. */
    void apply(IpvsService service, List<IpvsCommand> plan) {
        lock.lock();
        try {
            for (IpvsCommand c : plan) {
                Ipvsadm.Result r = ipvsadm.run(c.args(), timeout);
                listener.ipvsChanged(group, resource, c, r.ok(), r.output());
                if (!r.ok()) {
                    failuresInARow++;
                    lastFailure = c + ": " + r.output();
                    log.warn("({}/{}) {} failed: {}", group, resource, c, r.output());
                    readBack(service);
                    break;
                }
                failuresInARow = 0;
                log.info("({}/{}) {}", group, resource, c);
                Map<Endpoint, Integer> now = applied.get(service);
                if (c.weightAfter() == null) {
                    now.remove(c.dest().server());
                } else {
                    now.put(c.dest().server(), c.weightAfter());
                }
                if (c.sorry() && c.op() != IpvsCommand.Op.EDIT) {
                    listener.sorryServer(group, resource, service, c.dest().server(), c.op() == IpvsCommand.Op.ADD);
                }
            }
            writeExpected();
        } finally {
            lock.unlock();
        }
    }

    /** After a failure: what the kernel holds of {@code service}'s known servers ({@code ipvsadm -L -n}). */
    private void readBack(IpvsService service) {
        Ipvsadm.Result r = ipvsadm.run(List.of("-L", "-n"), timeout);
        if (!r.ok()) {
            log.warn("({}/{}) ipvsadm -L -n failed too: {}", group, resource, r.output());
            return;
        }
        try {
            Map<Endpoint, Integer> listed = IpvsListing.parse(r.output()).weights(service);
            Map<Endpoint, Integer> now = applied.get(service);
            now.clear();
            listed.forEach((server, weight) -> {
                if (known.get(service).contains(server)) {
                    now.put(server, weight);
                }
            });
            log.info("({}/{}) read back {}: {}", group, resource, service, now);
        } catch (IllegalArgumentException e) {
            log.warn("({}/{}) cannot read ipvsadm -L -n: {}", group, resource, e.getMessage());
        }
    }

    /** The expected table now. */
    String expected() {
        Map<IpvsService, Map<IpvsDest, Integer>> extra = new LinkedHashMap<>();
        sorries.forEach((service, d) -> {
            Integer w = applied.get(service).get(d.server());
            if (w != null) {
                extra.put(service, Map.of(d, w));
            }
        });
        return rules.expected(applied, extra);
    }

    /** Writes {@link #expected()} to the expected file (whole or not at all). */
    void writeExpected() {
        if (expectedFile == null) {
            return;
        }
        try {
            Files.createDirectories(expectedFile.toAbsolutePath().getParent());
            Path tmp = expectedFile.resolveSibling(expectedFile.getFileName() + ".tmp");
            Files.writeString(tmp, expected());
            try {
                Files.move(tmp, expectedFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, expectedFile, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            log.error("({}/{}) cannot write the expected IPVS table to {}: {}", group, resource, expectedFile, e.toString());
        }
    }
}
