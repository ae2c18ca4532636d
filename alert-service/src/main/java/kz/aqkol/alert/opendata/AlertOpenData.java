package kz.aqkol.alert.opendata;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import kz.aqkol.alert.alert.Alert;
import kz.aqkol.alert.alert.AlertRepository;
import kz.aqkol.platform.ngsi.NgsiEntity;
import kz.aqkol.platform.ngsi.NgsiQuery;
import kz.aqkol.platform.ngsi.NgsiSource;

/**
 * Public alerts ({@link PublicAlerts}) as Smart Data Models {@code Alert} entities, newest first: what happened,
 * how severe, since when and until when. The subject, labels, summary and who handled it are not published: the
 * description is the platform's own wording, never text another system wrote.
 */
@ApplicationScoped
public class AlertOpenData implements NgsiSource {

    static final String TYPE = "Alert";

    private final AlertRepository alerts;

    AlertOpenData(AlertRepository alerts) {
        this.alerts = alerts;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    @WithSession
    public Uni<List<NgsiEntity>> entities(NgsiQuery query) {
        List<UUID> ids = query.localIds(TYPE).stream().map(AlertOpenData::uuid).filter(Objects::nonNull).toList();
        if (!query.ids().isEmpty() && ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return alerts.ofKinds(PublicAlerts.SOURCE, PublicAlerts.KINDS.keySet(), PublicAlerts.SUBJECT_PREFIX, ids,
                        query.offset(), query.rows())
                .map(found -> {
                    List<NgsiEntity> entities = new ArrayList<>();
                    for (Alert alert : found) {
                        PublicAlerts.of(alert).ifPresent(kind -> entities.add(entity(alert, kind)));
                    }
                    return entities;
                });
    }

    static NgsiEntity entity(Alert alert, PublicAlerts.Kind kind) {
        return NgsiEntity.of(TYPE, alert.id.toString())
                .property("category", kind.category())
                .property("subCategory", kind.subCategory())
                .property("severity", PublicAlerts.severity(alert.severity))
                .property("description", kind.description())
                .property("alertSource", PublicAlerts.SOURCE)
                .property("dateIssued", alert.firstSeen.toString())
                .property("validFrom", alert.firstSeen.toString())
                .property("validTo", alert.resolvedAt == null ? null : alert.resolvedAt.toString());
    }

    private static UUID uuid(String text) {
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
