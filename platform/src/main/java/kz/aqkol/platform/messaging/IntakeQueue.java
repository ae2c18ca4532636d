package kz.aqkol.platform.messaging;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The ordering rules of an intake, free of any framework. Received items are grouped into batches that commit
 * concurrently (up to {@code maxBatchesInFlight}); whatever order the commits finish in, items are acknowledged
 * strictly in the order they were received (MQTT 3.1.1 §4.6), and only once committed. Under load the next batch
 * gathers what arrived while the others committed, so batches grow with the load and latency stays low when idle.
 * How many items wait is bounded by the broker: it sends no more unacknowledged messages than its in-flight window.
 * Not thread-safe: one thread (the intake's event loop) drives it.
 */
final class IntakeQueue<T> {

    private final int maxBatch;
    private final int maxBatchesInFlight;
    private final Consumer<T> ack;

    private final ArrayDeque<T> received = new ArrayDeque<>();
    private final Map<T, Boolean> committed = new IdentityHashMap<>();
    private final List<T> open = new ArrayList<>();
    private int batchesInFlight;

    IntakeQueue(int maxBatch, int maxBatchesInFlight, Consumer<T> ack) {
        if (maxBatch < 1 || maxBatchesInFlight < 1) {
            throw new IllegalArgumentException("need maxBatch >= 1 and maxBatchesInFlight >= 1");
        }
        this.maxBatch = maxBatch;
        this.maxBatchesInFlight = maxBatchesInFlight;
        this.ack = ack;
    }

    void offer(T item) {
        received.addLast(item);
        open.add(item);
    }

    /** The next batch to commit, or null when none may start (nothing waiting, or enough batches in flight). */
    List<T> nextBatch() {
        if (open.isEmpty() || batchesInFlight >= maxBatchesInFlight) {
            return null;
        }
        int size = Math.min(open.size(), maxBatch);
        List<T> batch = new ArrayList<>(open.subList(0, size));
        open.subList(0, size).clear();
        batchesInFlight++;
        return batch;
    }

    /** Marks a batch committed and acknowledges every item at the head of the receive order that now can be. */
    void committed(List<T> batch) {
        batchesInFlight--;
        for (T item : batch) {
            committed.put(item, Boolean.TRUE);
        }
        while (!received.isEmpty() && committed.remove(received.peekFirst()) != null) {
            ack.accept(received.pollFirst());
        }
    }

    int pending() {
        return received.size();
    }
}
