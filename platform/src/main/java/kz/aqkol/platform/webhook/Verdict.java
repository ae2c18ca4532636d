package kz.aqkol.platform.webhook;

import java.time.Instant;

/** What an attempt leaves a webhook as: delivered, to be retried at {@code retryAt}, or given up. */
public record Verdict(State state, Instant retryAt) {

    public enum State {
        DELIVERED, RETRY, GAVE_UP
    }

    static Verdict delivered() {
        return new Verdict(State.DELIVERED, null);
    }

    static Verdict retryAt(Instant at) {
        return new Verdict(State.RETRY, at);
    }

    static Verdict gaveUp() {
        return new Verdict(State.GAVE_UP, null);
    }
}
