package kz.aqkol.platform.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * When a webhook that was not taken is tried again, and when it is given up: pauses double from {@code firstPause}
 * (1 s, 2 s, 4 s … for a first pause of 1 s) up to {@code maxPause}; a webhook is given up once it has been tried
 * {@code maxAttempts} times or is older than {@code maxAge}, whichever comes first.
 */
public record RetryPolicy(Duration firstPause, Duration maxPause, int maxAttempts, Duration maxAge) {

    /** The doubling stops here, however many attempts: 2^20 first pauses is beyond any sensible maximum. */
    private static final int MAX_DOUBLINGS = 20;

    public RetryPolicy {
        if (firstPause.isNegative() || firstPause.isZero() || maxPause.compareTo(firstPause) < 0 || maxAttempts < 1
                || maxAge.isNegative()) {
            throw new IllegalArgumentException("not a retry policy: " + firstPause + ", " + maxPause + ", "
                    + maxAttempts + ", " + maxAge);
        }
    }

    /** Retried until it is older than {@code maxAge}, however many attempts that takes. */
    public static RetryPolicy untilOlderThan(Duration firstPause, Duration maxPause, Duration maxAge) {
        return new RetryPolicy(firstPause, maxPause, Integer.MAX_VALUE, maxAge);
    }

    /** Given up after {@code maxAttempts} attempts, however long they took. */
    public static RetryPolicy forAttempts(Duration firstPause, Duration maxPause, int maxAttempts) {
        return new RetryPolicy(firstPause, maxPause, maxAttempts, ChronoUnit.FOREVER.getDuration());
    }

    /** The pause after the {@code attempts}-th failed attempt (1 for the first). */
    public Duration pauseAfter(int attempts) {
        int doublings = Math.min(MAX_DOUBLINGS, Math.max(0, attempts - 1));
        long millis = firstPause.toMillis() << doublings;
        return Duration.ofMillis(Math.min(maxPause.toMillis(), millis));
    }

    /** Whether a webhook created at {@code createdAt} whose {@code attempts}-th attempt just failed is given up. */
    public boolean givesUp(int attempts, Instant createdAt, Instant now) {
        return attempts >= maxAttempts || Duration.between(createdAt, now).compareTo(maxAge) > 0;
    }

    /** Where a webhook goes after an attempt: delivered, retried at {@link Verdict#retryAt()}, or given up. */
    public Verdict judge(boolean delivered, int attempts, Instant createdAt, Instant now) {
        if (delivered) {
            return Verdict.delivered();
        }
        return givesUp(attempts, createdAt, now) ? Verdict.gaveUp() : Verdict.retryAt(now.plus(pauseAfter(attempts)));
    }
}
