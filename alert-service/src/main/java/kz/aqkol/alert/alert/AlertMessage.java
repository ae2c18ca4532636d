package kz.aqkol.alert.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A message taken in, remembered by id so that a redelivery changes nothing. */
@Entity
@Table(name = "alert_message")
public class AlertMessage {

    @Id
    public UUID id;
    @Column(name = "alert_id")
    public UUID alertId;
    @Column(name = "received_at")
    public Instant receivedAt;

    static AlertMessage of(UUID id, UUID alertId, Instant receivedAt) {
        AlertMessage message = new AlertMessage();
        message.id = id;
        message.alertId = alertId;
        message.receivedAt = receivedAt;
        return message;
    }
}
