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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A webhook receiver for tests and benchmarks: an HTTP server on a free local port that records every request, and
 * can be made to fail (503) as a receiver that is down would, or (per path) to hold requests unanswered, as a slow
 * receiver would, until the caller lets them go.
 */
public final class WebhookRecorder implements AutoCloseable {

    /** The longest a held request waits for its hold to end. */
    private static final Duration LONGEST_HOLD = Duration.ofMinutes(1);

    private final HttpServer server;
    private final ExecutorService answering;
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
    private final Set<String> downPaths = ConcurrentHashMap.newKeySet();
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();
    private volatile boolean down;

    /** One request as it arrived; header names in lower case. */
    public record Request(String path, Map<String, String> headers, String body, boolean answeredOk,
                          java.time.Instant receivedAt) {
    }

    /** Requests to one path held unanswered (but recorded) until {@link #close()}. */
    public static final class Hold implements AutoCloseable {

        private final CountDownLatch released = new CountDownLatch(1);

        private void await() throws InterruptedException {
            released.await(LONGEST_HOLD.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Lets the held requests (and any later ones) be answered. */
        @Override
        public void close() {
            released.countDown();
        }
    }

    private WebhookRecorder(HttpServer server, ExecutorService answering) {
        this.server = server;
        this.answering = answering;
    }

    public static WebhookRecorder start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            // a held request must not keep the others waiting
            ExecutorService answering = Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "webhook-recorder");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(answering);
            WebhookRecorder recorder = new WebhookRecorder(server, answering);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
                Map<String, String> headers = new java.util.TreeMap<>();
                exchange.getRequestHeaders().forEach((name, values) ->
                        headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
                boolean ok = !recorder.down && !recorder.downPaths.contains(path);
                recorder.requests.add(new Request(path, headers, body, ok, java.time.Instant.now()));
                Hold hold = recorder.holds.get(path);
                if (hold != null) {
                    try {
                        hold.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
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

    /** While {@code path} is down, its requests are answered 503 (and still recorded). */
    public void down(String path, boolean down) {
        if (down) {
            downPaths.add(path);
        } else {
            downPaths.remove(path);
        }
    }

    /** Holds the requests to {@code path} unanswered from now until the hold is closed (at most a minute each). */
    public Hold hold(String path) {
        Hold hold = new Hold();
        holds.put(path, hold);
        return hold;
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
        holds.values().forEach(Hold::close);
        server.stop(0);
        answering.shutdownNow();
    }
}
