package kz.aqkol.platform.webhook;

import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;

/**
 * A service's table of webhooks to send, as {@link WebhookDelivery} uses it: each method is one short transaction of
 * its own, committed when its {@link Uni} completes, so no row lock is held while a webhook is sent.
 */
public interface WebhookStore<K> {

    /**
     * Up to {@code limit} webhooks due at {@code now} (neither delivered nor given up), leased until
     * {@code leasedUntil} (their next attempt moved there, so that no one else claims them meanwhile): rows other
     * transactions hold are skipped ({@code FOR UPDATE SKIP LOCKED}).
     */
    Uni<List<Claimed<K>>> claim(Instant now, Instant leasedUntil, int limit);

    /** Records the attempts made at about {@code now}: each row's attempts and verdict, and the attempt itself. */
    Uni<Void> record(List<Outcome<K>> outcomes, Instant now);
}
