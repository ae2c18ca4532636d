package kz.aqkol.camera.transparency;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code limit} requests per client in a fixed window. Memory is bounded: past {@code maxClients} clients
 * with open windows, a new client waits until some window ends, rather than the map growing without end.
 */
final class RateLimiter {

    private final int limit;
    private final Duration window;
    private final int maxClients;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    RateLimiter(int limit, Duration window, int maxClients) {
        this.limit = limit;
        this.window = window;
        this.maxClients = maxClients;
    }

    /** Null if {@code client} may go ahead at {@code now}; otherwise how long until it may ask again. */
    Duration acquire(String client, Instant now) {
        if (windows.size() >= maxClients && !windows.containsKey(client)) {
            windows.values().removeIf(w -> !now.isBefore(w.end()));
            if (windows.size() >= maxClients) {
                return window;
            }
        }
        Window w = windows.compute(client, (key, old) -> old == null || !within(now, old)
                ? new Window(now.plus(window), 1) : new Window(old.end(), old.count() + 1));
        return w.count() <= limit ? null : Duration.between(now, w.end());
    }

    /** Whether {@code now} lies in the window (a clock set back starts a new one, rather than a long wait). */
    private boolean within(Instant now, Window w) {
        return now.isBefore(w.end()) && !now.isBefore(w.end().minus(window));
    }

    private record Window(Instant end, int count) {
    }
}
