package io.heartline.daemon.control;

import io.heartline.core.Clock;
import io.heartline.core.control.Access;
import io.heartline.core.control.Answers;
import io.heartline.core.control.Parsed;
import io.heartline.core.control.Request;
import io.heartline.core.control.Requests;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request's way in, on the {@code heartline-control-work} thread: parse it (a bad one is answered
 * with what was wrong and goes no further), check that the caller may send it, record an accepted
 * change with its caller, then hand it to its command. Read-only requests are for whoever can open
 * the socket (root and the {@code heartline} group, by the socket's mode); requests that change the
 * cluster only for root and the admin group, checked on every request with the peer's credentials.
 */
public final class Admission implements RequestHandler {
    private static final Logger log = LoggerFactory.getLogger(Admission.class);
    private final CommandTable commands;
    private final AdminGroup admins;
    private final ControlAudit audit;

    public Admission(CommandTable commands, ControlSettings settings, Clock clock, ControlAudit audit) {
        this(commands, new AdminGroup(settings.adminGroup(), AdminGroup.GROUP_FILE, clock), audit);
    }

    Admission(CommandTable commands, AdminGroup admins, ControlAudit audit) {
        this.commands = commands;
        this.admins = admins;
        this.audit = audit;
    }

    /** For tests: admins as listed in {@code groupFile}. */
    static Admission withGroupFile(CommandTable commands, String adminGroup, Path groupFile, Clock clock,
                                   ControlAudit audit) {
        return new Admission(commands, new AdminGroup(adminGroup, groupFile, clock), audit);
    }

    /**
     * Parses on the calling thread (the selector: parsing is bounded by the request size and never
     * blocks), so that garbage is answered at once and never waits for, or holds a connection
     * slot behind, the work thread; only a valid request goes on to {@link #admit}.
     */
    @Override
    public CompletableFuture<Map<String, Object>> handle(byte[] line, Peer peer) {
        Parsed parsed = Requests.parse(line);
        if (parsed instanceof Parsed.Invalid bad) {
            return CompletableFuture.completedFuture(Answers.error(bad.error()));
        }
        Request request = ((Parsed.Valid) parsed).request();
        try {
            return CompletableFuture.supplyAsync(() -> admit(request, peer), commands.work()).thenCompose(f -> f);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(Answers.error("the daemon is shutting down"));
        }
    }

    CompletableFuture<Map<String, Object>> admit(byte[] line, Peer peer) {
        Parsed parsed = Requests.parse(line);
        if (parsed instanceof Parsed.Invalid bad) {
            return CompletableFuture.completedFuture(Answers.error(bad.error()));
        }
        return admit(((Parsed.Valid) parsed).request(), peer);
    }

    private CompletableFuture<Map<String, Object>> admit(Request request, Peer peer) {
        if (request.access() == Access.ADMIN) {
            Caller caller;
            try {
                caller = peer.caller();
            } catch (IOException | RuntimeException e) {
                return CompletableFuture.completedFuture(Answers.error("cannot tell who sent " + request.command() + ": " + e));
            }
            if (!admins.includes(caller)) {
                log.warn("control: {} refused to {}: not root nor in {}", request.command(), caller, admins.name());
                return CompletableFuture.completedFuture(Answers.permissionDenied(request, admins.name()));
            }
            record(caller, request);
        }
        return commands.handle(request);
    }

    private void record(Caller caller, Request request) {
        log.info("control: {} by {}", request.toJson(), caller);
        try {
            audit.accepted(caller, request);
        } catch (RuntimeException e) {
            log.error("control: recording {} by {} failed", request.command(), caller, e);
        }
    }

    @Override
    public void close() {
        commands.close();
    }
}
