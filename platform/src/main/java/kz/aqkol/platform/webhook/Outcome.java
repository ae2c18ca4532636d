package kz.aqkol.platform.webhook;

/**
 * An attempt to record: the webhook's row ({@code claimed}), what the attempt came to, the row's count of
 * attempts with it ({@code attempts}), and the verdict the {@link RetryPolicy} gave.
 */
public record Outcome<K>(Claimed<K> claimed, Attempt attempt, int attempts, Verdict verdict) {

    public K id() {
        return claimed.id();
    }
}
