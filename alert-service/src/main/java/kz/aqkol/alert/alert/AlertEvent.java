package kz.aqkol.alert.alert;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import java.time.Instant;
import java.util.UUID;

/** One change in an alert's life (opened, acknowledged, assigned, escalated, notified, resolved) and who made it. */
@Entity
public class AlertEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "alert_event_ids")
    @SequenceGenerator(name = "alert_event_ids", sequenceName = "alert_event_id_seq", allocationSize = 50)
    public Long id;
    public UUID alertId;
    public Instant at;
    public String kind;
    public String actor;
    public String detail;

    public static AlertEvent of(UUID alertId, Instant at, String kind, String actor, String detail) {
        AlertEvent event = new AlertEvent();
        event.alertId = alertId;
        event.at = at;
        event.kind = kind;
        event.actor = actor;
        event.detail = detail;
        return event;
    }
}
