package io.heartline.resources.lvs;

import io.heartline.core.Clock;
import io.heartline.resources.CheckResult;
import io.heartline.resources.HttpCheck;
import io.heartline.resources.TcpCheck;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One check of one real server, run on a worker thread and bounded by its own timeout (the
 * checker also counts a check that overruns as failed, whatever it does). Never throws for the
 * server's failure: that is a failed {@link CheckResult}.
 */
public interface RealServerCheck {

    CheckResult check(Duration timeout);

    /** What it checks, for status: {@code tcp 192.168.1.11:80}, {@code http GET http://…/health}. */
    String describe();

    /** The check {@code spec} describes, of {@code server} in {@code service}. */
    static RealServerCheck of(CheckSpec spec, IpvsService service, Endpoint server, Clock clock) {
        int port = spec.portFor(server, service);
        String host = server.hostText();
        return switch (spec.kind()) {
            case TCP -> {
                TcpCheck tcp = new TcpCheck(host, port);
                yield describing(tcp::check, "tcp " + server.withPort(port));
            }
            case HTTP -> {
                URI url = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + spec.path());
                HttpCheck http = new HttpCheck(url, spec.expectStatus(), spec.expectBody());
                yield describing(http::check, "http GET " + url + " expecting " + spec.expectStatus()
                        + (spec.expectBody() == null ? "" : " and '" + spec.expectBody() + "'"));
            }
            case COMMAND -> new CommandCheck(spec.command(), Map.of("HEARTLINE_VIRTUAL_SERVICE", service.toString(),
                    "HEARTLINE_REAL_SERVER", host, "HEARTLINE_REAL_PORT", Integer.toString(port)), clock);
        };
    }

    private static RealServerCheck describing(java.util.function.Function<Duration, CheckResult> check, String what) {
        return new RealServerCheck() {
            @Override
            public CheckResult check(Duration timeout) {
                return check.apply(timeout);
            }

            @Override
            public String describe() {
                return what;
            }
        };
    }
}
