package kz.aqkol.platform.webhook;

import java.time.Instant;

/**
 * A webhook a {@link WebhookStore} leased for one attempt: its row's id, when it was created, how many attempts it
 * had before this one, whom it is for (for the log: a receiver, an account) and what to send.
 */
public record Claimed<K>(K id, Instant createdAt, int attempts, String recipient, Webhook webhook) {
}
