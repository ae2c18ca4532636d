package kz.aqkol.platform.webhook;

import java.time.Duration;

/**
 * How a service's webhooks are delivered: {@code perRound} claimed at a time, {@code concurrency} requests in
 * flight at once, each leased for {@code lease} (longer than an attempt can take: {@code timeout} to connect and as
 * much to answer) and retried by {@code retry}.
 */
public record DeliveryOptions(int perRound, int concurrency, Duration lease, Duration timeout, RetryPolicy retry) {

    public DeliveryOptions {
        if (perRound < 1 || concurrency < 1 || lease.compareTo(timeout.multipliedBy(2)) <= 0) {
            throw new IllegalArgumentException("not delivery options: " + perRound + " per round, " + concurrency
                    + " at once, lease " + lease + ", timeout " + timeout);
        }
    }
}
