package kz.aqkol.devstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A simulated network video recorder, as camera-service's purge reaches it: it keeps snapshots by reference and
 * deletes one on {@code DELETE /snapshots/{ref}} (204; 404 if it has none). {@code PUT} stores one, {@code GET}
 * answers whether it is there. Every request must carry {@code Authorization: Bearer <token>} with the recorder's
 * token (401 otherwise), as a real NVR's API asks for credentials. A reference can be made to fail its next deletions
 * (503), as a recorder that is down or busy would.
 */
public final class FootageRecorder implements AutoCloseable {

    private static final String PREFIX = "/snapshots/";

    private final HttpServer server;
    private final Set<String> snapshots = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> failing = new ConcurrentHashMap<>();
    private final Queue<String> deleteRequests = new ConcurrentLinkedQueue<>();
    private volatile String token;

    private FootageRecorder(HttpServer server, String token) {
        this.server = server;
        this.token = token;
    }

    /** Starts on a free port of the loopback address, answering only requests that carry {@code token}. */
    public static FootageRecorder start(String token) {
        return start(0, token);
    }

    public static FootageRecorder start(int port, String token) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            FootageRecorder recorder = new FootageRecorder(server, token);
            server.createContext(PREFIX, recorder::answer);
            server.start();
            return recorder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the footage recorder", e);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String ref = URLDecoder.decode(exchange.getRequestURI().getRawPath().substring(PREFIX.length()),
                    StandardCharsets.UTF_8);
            if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            int status = switch (exchange.getRequestMethod()) {
                case "PUT" -> {
                    snapshots.add(ref);
                    yield 201;
                }
                case "GET" -> snapshots.contains(ref) ? 200 : 404;
                case "DELETE" -> {
                    deleteRequests.add(ref);
                    AtomicInteger failures = failing.get(ref);
                    if (failures != null && failures.getAndDecrement() > 0) {
                        yield 503;
                    }
                    yield snapshots.remove(ref) ? 204 : 404;
                }
                default -> 405;
            };
            exchange.sendResponseHeaders(status, -1);
        }
    }

    /** The base URL camera-service's {@code aqkol.camera.recorder.url} names. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Stores a snapshot, as a camera's recording would. */
    public void store(String ref) {
        snapshots.add(ref);
    }

    /** How many snapshots it holds. */
    public int count() {
        return snapshots.size();
    }

    public boolean holds(String ref) {
        return snapshots.contains(ref);
    }

    /** From now on the recorder asks for {@code token}: its credentials were changed, as an administrator would. */
    public void requireToken(String token) {
        this.token = token;
    }

    /** The next {@code times} deletions of {@code ref} are answered 503. */
    public void failNext(String ref, int times) {
        failing.put(ref, new AtomicInteger(times));
    }

    /** Every DELETE received, in order, by reference (failed ones included). */
    public List<String> deleteRequests() {
        return List.copyOf(deleteRequests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
