package io.heartline.resources;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The application check: an HTTP GET (redirects not followed) that must answer the expected
 * status and, when one is configured, contain a substring in the first 64 KiB of its body; the
 * whole exchange is bounded by the timeout.
 */
public final class HttpCheck {
    private static final int BODY_LIMIT = 64 * 1024;

    private final URI url;
    private final int expectStatus;
    private final String expectBody;
    private HttpClient client;

    /** @param expectBody a substring the body must contain, or null for any body */
    public HttpCheck(URI url, int expectStatus, String expectBody) {
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("not an http(s) URL: " + url);
        }
        this.url = url;
        this.expectStatus = expectStatus;
        this.expectBody = expectBody == null || expectBody.isEmpty() ? null : expectBody;
    }

    public CheckResult check(Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(url).GET().timeout(positive(timeout)).build();
        CompletableFuture<Response> call = client(timeout)
                .sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(HttpCheck::readBounded);
        try {
            Response r = call.get(positive(timeout).toNanos(), TimeUnit.NANOSECONDS);
            if (r.status() != expectStatus) {
                return CheckResult.fail("http GET " + url + ": status " + r.status() + ", expected " + expectStatus);
            }
            if (expectBody != null && !r.body().contains(expectBody)) {
                return CheckResult.fail("http GET " + url + ": body does not contain '" + expectBody + "'");
            }
            return CheckResult.pass("http GET " + url + ": " + r.status());
        } catch (TimeoutException e) {
            call.cancel(true);
            return CheckResult.fail("http GET " + url + ": no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return CheckResult.fail("http GET " + url + ": " + e.getCause());
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return CheckResult.fail("http GET " + url + ": interrupted");
        }
    }

    private record Response(int status, String body) {
    }

    private static Response readBounded(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return new Response(response.statusCode(), new String(in.readNBytes(BODY_LIMIT), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized HttpClient client(Duration timeout) {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .connectTimeout(positive(timeout))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        return client;
    }

    private static Duration positive(Duration d) {
        return d.isNegative() || d.isZero() ? Duration.ofMillis(1) : d;
    }

    @Override
    public String toString() {
        return "http:" + url;
    }
}
