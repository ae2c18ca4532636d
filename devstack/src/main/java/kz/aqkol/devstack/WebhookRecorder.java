package kz.aqkol.devstack;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * A webhook receiver for tests and benchmarks: an HTTP server on a free local port that records every request, and can be made
 * to fail (503) as a receiver that is down would.
 */
public final class WebhookRecorder implements AutoCloseable {

    private final HttpServer server;
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
    private volatile boolean down;

    /** One request as it arrived; header names in lower case. */
    public record Request(String path, Map<String, String> headers, String body, boolean answeredOk,
                          java.time.Instant receivedAt) {
    }

    private WebhookRecorder(HttpServer server) {
        this.server = server;
    }

    public static WebhookRecorder start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            WebhookRecorder recorder = new WebhookRecorder(server);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
                Map<String, String> headers = new java.util.TreeMap<>();
                exchange.getRequestHeaders().forEach((name, values) ->
                        headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
                boolean ok = !recorder.down;
                recorder.requests.add(new Request(exchange.getRequestURI().getPath(), headers, body, ok,
                        java.time.Instant.now()));
                exchange.sendResponseHeaders(ok ? 204 : 503, -1);
                exchange.close();
            });
            server.start();
            return recorder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a webhook recorder", e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** While down, every request is answered 503 (and still recorded). */
    public void down(boolean down) {
        this.down = down;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Waits until a request matching {@code condition} has arrived, and returns it. */
    public Request await(Predicate<Request> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Request request : requests) {
                if (condition.test(request)) {
                    return request;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no matching webhook request within " + timeout + "; got " + requests.size());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
