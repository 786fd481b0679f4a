package io.heartline.hactl;

import io.heartline.core.ExitCode;
import io.heartline.core.control.Request;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hactl events [--since WHEN] [--follow]}: the daemon's journal, oldest first, each transition
 * with its cause. Pages through the journal with the daemon's cursor; {@code --follow} keeps polling it.
 */
@Command(name = "events", description = {"Show the event journal, each transition with its cause.",
        "Time, node, kind, group and cause: why a group moved, which medium went silent, what was fenced.",
        "Oldest first.",
        "With --output json: one JSON object per line per event."})
final class EventsCommand implements Callable<Integer> {
    static final int PAGE = 1000;
    static final Duration FOLLOW_INTERVAL = Duration.ofMillis(200);

    @Option(names = "--since", paramLabel = "WHEN", converter = Since.Converter.class,
            description = "only events from WHEN on: an ISO-8601 instant (2026-11-21T22:00:00Z) or a time back from now"
                    + " (90s, 10m, 2h, 1d)")
    Since since;

    @Option(names = {"-f", "--follow"}, description = "keep printing new events until Ctrl-C")
    boolean follow;

    @Mixin
    OutputOptions output;

    @Mixin
    SocketOptions socket;

    private final Env env;
    private boolean printedAny;

    EventsCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Request.Events request = new Request.Events(null, since == null ? null : since.resolve(env.clock()), PAGE);
        try {
            ControlClient client = new ControlClient(socket.resolve());
            Long cursor = pageThrough(client, request);
            if (follow) {
                if (!output.isJson() && !printedAny) {
                    System.out.println(EventsText.HEADER);
                    printedAny = true;
                }
                while (env.pacer().pause(FOLLOW_INTERVAL)) {
                    cursor = pageThrough(client, after(cursor));
                }
            } else if (!printedAny && !output.isJson()) {
                System.out.println("no events" + (since == null ? "" : " since " + request.since()));
            }
            return ExitCode.OK.code();
        } catch (ControlClient.Unreachable e) {
            return ControlCall.unreachable(e, output);
        } catch (ControlClient.Refused e) {
            return ControlCall.refused(e, output);
        }
    }

    private static Request.Events after(Long cursor) {
        return new Request.Events(cursor, null, PAGE);
    }

    /** Asks, prints, and asks again while pages come back full; returns the cursor after the last event. */
    @SuppressWarnings("unchecked")
    private Long pageThrough(ControlClient client, Request.Events request)
            throws ControlClient.Unreachable, ControlClient.Refused {
        Request.Events next = request;
        while (true) {
            Map<String, Object> answer = client.ask(next);
            List<Object> events = answer.get("events") instanceof List<?> l ? (List<Object>) l : List.of();
            print(events);
            Long cursor = answer.get("next") instanceof Number n && n.longValue() >= 0 ? Long.valueOf(n.longValue())
                    : next.after();
            if (events.size() < PAGE || cursor == null || cursor.equals(next.after())) {
                return cursor;
            }
            next = after(cursor);
        }
    }

    @SuppressWarnings("unchecked")
    private void print(List<Object> events) {
        for (Object e : events) {
            if (output.isJson()) {
                System.out.println(Json.line(e));
            } else {
                if (!printedAny) {
                    System.out.println(EventsText.HEADER);
                }
                System.out.println(EventsText.render((Map<String, Object>) e));
            }
            printedAny = true;
        }
        System.out.flush();
    }

}
