package io.heartline.daemon.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an {@link HttpServer} serves: one route per path, each answered now ({@link Handler}, on
 * the server's thread), later ({@link DeferredHandler}, a future the server waits for without
 * blocking) or as a stream of server-sent events ({@link EventStream}).
 *
 * <pre>{@code
 * Routes.builder().get("/metrics", scrape).later("/status.json", feed::json).stream("/status/stream", events).build()
 * }</pre>
 */
public final class Routes {
    /** How one path is answered. */
    sealed interface Route permits Now, Later, Stream {
    }

    record Now(Handler handler) implements Route {
    }

    record Later(DeferredHandler handler) implements Route {
    }

    record Stream(EventStream stream) implements Route {
    }

    private final Map<String, Route> byPath;

    private Routes(Map<String, Route> byPath) {
        this.byPath = Collections.unmodifiableMap(new TreeMap<>(byPath));
    }

    /** Every path answered now by its handler. */
    public static Routes of(Map<String, Handler> handlers) {
        Builder b = builder();
        handlers.forEach(b::get);
        return b.build();
    }

    public static Builder builder() {
        return new Builder(new TreeMap<>());
    }

    /** These routes and {@code more}; a path in both is an error. */
    public Routes with(Routes more) {
        Builder b = new Builder(new TreeMap<>(byPath));
        more.byPath.forEach(b::add);
        return b.build();
    }

    Route get(String path) {
        return byPath.get(path);
    }

    Set<String> paths() {
        return byPath.keySet();
    }

    List<EventStream> streams() {
        List<EventStream> out = new ArrayList<>();
        for (Route r : byPath.values()) {
            if (r instanceof Stream s) {
                out.add(s.stream());
            }
        }
        return out;
    }

    /** Adds routes; each path once. */
    public static final class Builder {
        private final Map<String, Route> byPath;

        private Builder(Map<String, Route> byPath) {
            this.byPath = byPath;
        }

        /** {@code path} answered on the server's thread by {@code handler}. */
        public Builder get(String path, Handler handler) {
            return add(path, new Now(handler));
        }

        /** {@code path} answered when {@code handler}'s future completes. */
        public Builder later(String path, DeferredHandler handler) {
            return add(path, new Later(handler));
        }

        /** {@code path} streams {@code stream}'s events to each client that GETs it. */
        public Builder stream(String path, EventStream stream) {
            return add(path, new Stream(stream));
        }

        private Builder add(String path, Route route) {
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("a route's path must start with /, not " + path);
            }
            if (byPath.putIfAbsent(path, java.util.Objects.requireNonNull(route)) != null) {
                throw new IllegalArgumentException("two routes for " + path);
            }
            return this;
        }

        public Routes build() {
            return new Routes(byPath);
        }
    }
}
