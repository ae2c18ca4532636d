package kz.aqkol.portal.web;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A value the same for every visitor (a public report, the tariffs), fetched at most once per {@code ttl}: a busy
 * public page must not become load on a service, nor run into the camera-service's per-address rate limit. A failed
 * fetch is not remembered.
 */
public final class Cached<T> {

    private final Supplier<T> fetch;
    private final long ttlNanos;
    private T value;
    private long fetchedAt;

    public Cached(Duration ttl, Supplier<T> fetch) {
        this.fetch = fetch;
        this.ttlNanos = ttl.toNanos();
    }

    public synchronized T get() {
        long now = System.nanoTime();
        if (value == null || now - fetchedAt > ttlNanos) {
            value = fetch.get();
            fetchedAt = now;
        }
        return value;
    }
}
