package kz.aqkol.alert.alert;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/** A message taken in, remembered by id so that a redelivery changes nothing. */
@Entity
public class AlertMessage {

    @Id
    public UUID id;
    public UUID alertId;
    public Instant receivedAt;

    static AlertMessage of(UUID id, UUID alertId, Instant receivedAt) {
        AlertMessage message = new AlertMessage();
        message.id = id;
        message.alertId = alertId;
        message.receivedAt = receivedAt;
        return message;
    }
}
