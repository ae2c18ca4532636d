package kz.aqkol.alert.notify;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A message for a receiver, delivered at least once: {@code kind} GROUP (a notification group's alerts), ESCALATION
 * or REMINDER (one unacknowledged alert). The payload is exactly what the webhook gets.
 */
@Entity
@Table(name = "notification")
public class Notification {

    @Id
    public UUID id;
    public String receiver;
    @Column(name = "group_key")
    public String groupKey;
    public String kind;
    public String payload;
    @Column(name = "created_at")
    public Instant createdAt;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "delivered_at")
    public Instant deliveredAt;
    @Column(name = "gave_up_at")
    public Instant gaveUpAt;
    /** The trace the webhook is sent in (its alert's), or null: a trace of its own. */
    public String traceparent;

    /** A notification due for delivery now. */
    public static Notification create(String receiver, String groupKey, String kind, String payload, Instant now,
                                      String traceparent) {
        Notification notification = new Notification();
        notification.id = UUID.randomUUID();
        notification.receiver = receiver;
        notification.groupKey = groupKey;
        notification.kind = kind;
        notification.payload = payload;
        notification.createdAt = now;
        notification.nextAttemptAt = now;
        notification.traceparent = traceparent;
        return notification;
    }
}
