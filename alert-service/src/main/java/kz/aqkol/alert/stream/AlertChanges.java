package kz.aqkol.alert.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import kz.aqkol.alert.alert.AlertView;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Announces changed alerts to every replica's live stream (this one's included) with PostgreSQL's
 * {@code pg_notify}, inside the transaction that changed them: PostgreSQL delivers the notices when, and only if,
 * that transaction commits, in commit order, to every session listening ({@link AlertChangeListener}).
 */
@ApplicationScoped
public class AlertChanges {

    /** The notification channel. */
    static final String CHANNEL = "aqkol_alert_changes";

    private final ObjectMapper json;

    AlertChanges(ObjectMapper json) {
        this.json = json;
    }

    /** Queues the notices for {@code changed} in the session's transaction; nothing when nothing changed. */
    public Uni<Void> announce(Mutiny.Session session, List<AlertView> changed) {
        if (changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> notices = ChangeNotices.write(json, changed, ChangeNotices.MAX_BYTES);
        return session.createNativeQuery("select cast(count(pg_notify(cast(?1 as text), n)) as bigint)"
                        + " from unnest(cast(?2 as text[])) as n", Long.class)
                .setParameter(1, CHANNEL)
                .setParameter(2, notices.toArray(String[]::new))
                .getSingleResult()
                .replaceWithVoid();
    }
}
