package kz.aqkol.devstack;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An open-loop HTTP load for benchmarks: GETs leave on a fixed schedule (the i-th at start + i/rate) whatever
 * happened to the ones before, and each latency counts from when its request was due to the end of its body, so a
 * stalled server cannot hide its queue (no coordinated omission). One Vert.x event loop and a bounded pool of
 * keep-alive connections: a few microseconds of CPU a request, so the client takes little from the server it
 * measures.
 */
public final class OpenLoop implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    private final HttpClient client;

    /** A client of {@code baseUrl} (scheme, host and port) with at most {@code connections} connections. */
    public OpenLoop(String baseUrl, int connections) {
        URI base = URI.create(baseUrl);
        client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort()).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(connections));
    }

    /**
     * {@code rate} GETs of {@code path} a second for {@code seconds}, each with the next of {@code tokens} as its
     * bearer token; the latencies in nanoseconds, in sending order. Throws if any answer is not 200.
     */
    public long[] get(String path, List<String> tokens, int rate, int seconds) throws Exception {
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        CompletableFuture<Void> finished = new CompletableFuture<>();
        long start = System.nanoTime();
        long timer = vertx.setPeriodic(1, tick -> {
            long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L);
            while (sent.get() < due) {
                int i = sent.getAndIncrement();
                long dueAt = start + i * 1_000_000_000L / rate;
                client.request(new RequestOptions().setMethod(HttpMethod.GET).setURI(path)
                                .putHeader("Authorization", "Bearer " + tokens.get(i % tokens.size())))
                        .compose(request -> request.send())
                        .compose(response -> {
                            if (response.statusCode() != 200) {
                                failures.incrementAndGet();
                            }
                            return response.body();
                        })
                        .onComplete(result -> {
                            if (result.failed()) {
                                failures.incrementAndGet();
                            }
                            latencies[i] = System.nanoTime() - dueAt;
                            if (done.incrementAndGet() == total) {
                                finished.complete(null);
                            }
                        });
            }
        });
        try {
            finished.get(seconds + 60L, TimeUnit.SECONDS);
        } finally {
            vertx.cancelTimer(timer);
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " of " + total + " GETs of " + path + " failed");
        }
        return latencies;
    }

    /** "p50 …, p90 …, p99 …, p99.9 …, max … ms" of latencies in nanoseconds. */
    public static String percentiles(long[] latencies) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return String.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms", sorted[n / 2] / 1e6,
                sorted[(int) (n * 0.9)] / 1e6, sorted[(int) (n * 0.99)] / 1e6, sorted[(int) (n * 0.999)] / 1e6,
                sorted[n - 1] / 1e6);
    }

    /**
     * The slowest answer of each second of the schedule, in milliseconds, for latencies in sending order at
     * {@code rate} a second: "12 9 4310 3305 …" shows whether a tail is spread over the run or one stall.
     */
    public static String worstPerSecond(long[] latencies, int rate) {
        StringBuilder line = new StringBuilder();
        for (int from = 0; from < latencies.length; from += rate) {
            long worst = 0;
            for (int i = from; i < Math.min(latencies.length, from + rate); i++) {
                worst = Math.max(worst, latencies[i]);
            }
            line.append(from == 0 ? "" : " ").append(Math.round(worst / 1e6));
        }
        return line.toString();
    }

    /** The p99 of latencies in nanoseconds, in milliseconds. */
    public static double p99(long[] latencies) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return sorted[(int) (sorted.length * 0.99)] / 1e6;
    }

    @Override
    public void close() {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
