package kz.aqkol.alert.notify;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One try at delivering a notification: the HTTP status, or the error, and how long it took. */
@Entity
@Table(name = "delivery_attempt")
public class DeliveryAttempt {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "notification_id")
    public UUID notificationId;
    public Instant at;
    public Integer status;
    public String error;
    @Column(name = "duration_ms")
    public long durationMs;
}
