package kz.aqkol.alert.alert;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.contracts.Severity;

@ApplicationScoped
public class AlertRepository implements PanacheRepositoryBase<Alert, UUID> {

    public Uni<Alert> unresolved(String fingerprint) {
        return find("fingerprint = ?1 and status <> ?2", fingerprint, Alert.Status.RESOLVED).firstResult();
    }

    /** The alerts with these ids, fetched in chunks that stay far below PostgreSQL's limit on parameters. */
    public Uni<List<Alert>> byIds(List<UUID> ids) {
        List<List<UUID>> chunks = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += 1_000) {
            chunks.add(ids.subList(i, Math.min(ids.size(), i + 1_000)));
        }
        return Multi.createFrom().iterable(chunks)
                .onItem().transformToUniAndConcatenate(chunk -> list("id in ?1", chunk))
                .collect().in(ArrayList::new, List::addAll);
    }

    public Uni<List<Alert>> open() {
        return list("status <> ?1", Alert.Status.RESOLVED);
    }

    /**
     * Most recently seen first, filtered by status, severity, source and label values; {@code before} is the
     * cursor of the page before.
     */
    public Uni<List<Alert>> page(AlertFilter filter, Cursor before, int rows) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (filter.status() != null) {
            query.append(" and status = :status");
            parameters.and("status", filter.status());
        }
        if (filter.severity() != null) {
            query.append(" and severity = :severity");
            parameters.and("severity", filter.severity());
        }
        if (filter.source() != null) {
            query.append(" and source = :source");
            parameters.and("source", filter.source());
        }
        int n = 0;
        for (Map.Entry<String, String> label : filter.labels().entrySet()) {
            query.append(" and function('jsonb_extract_path_text', labels, :ln").append(n).append(") = :lv")
                    .append(n);
            parameters.and("ln" + n, label.getKey()).and("lv" + n, label.getValue());
            n++;
        }
        if (before != null) {
            query.append(" and (lastSeen < :seen or (lastSeen = :seen and id < :id))");
            parameters.and("seen", before.lastSeen()).and("id", before.id());
        }
        return find(query + " order by lastSeen desc, id desc", parameters).range(0, rows - 1).list();
    }

    /**
     * Alerts of these types from this source about a subject of this kind ({@code camera:} …), newest first; only
     * those with the ids given, when any are.
     */
    public Uni<List<Alert>> ofKinds(String source, Collection<String> types, String subjectPrefix,
                                    Collection<UUID> ids, int offset, int rows) {
        String query = "source = ?1 and type in ?2 and subject like ?3";
        return (ids.isEmpty() ? find(query + " order by firstSeen desc, id desc", source, types, subjectPrefix + "%")
                : find(query + " and id in ?4 order by firstSeen desc, id desc", source, types, subjectPrefix + "%",
                        ids))
                .range(offset, offset + rows - 1).list();
    }

    /** What to filter a list of alerts by; every part is optional. */
    public record AlertFilter(Alert.Status status, Severity severity, String source, Map<String, String> labels) {
    }

    /** A position in the newest-first order: an alert's last-seen time and id. */
    public record Cursor(Instant lastSeen, UUID id) {

        public static Cursor parse(String text) {
            int split = text.indexOf('_');
            if (split < 0) {
                throw new IllegalArgumentException("not a cursor");
            }
            return new Cursor(Instant.parse(text.substring(0, split)), UUID.fromString(text.substring(split + 1)));
        }

        public static String of(Alert alert) {
            return alert.lastSeen + "_" + alert.id;
        }
    }
}
