package kz.aqkol.alert.alert;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import kz.aqkol.contracts.Severity;

/** How the village is doing: open alerts by severity, and how fast people acknowledge and resolve. */
@ApplicationScoped
public class AlertStats {

    private final Clock clock;

    AlertStats(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param window how far back the means look (alerts first seen since then)
     */
    @WithSession
    public Uni<Stats> compute(Duration window) {
        Instant since = Instant.now(clock).minus(window);
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select severity, count(*) from alert where status <> 'RESOLVED' group by severity",
                        Object[].class).getResultList()
                .chain(open -> session.createNativeQuery("""
                                select avg(extract(epoch from acknowledged_at - first_seen)),
                                       avg(extract(epoch from resolved_at - first_seen)),
                                       count(acknowledged_at), count(resolved_at)
                                from alert where first_seen >= ?1""", Object[].class)
                        .setParameter(1, since)
                        .getSingleResult()
                        .map(means -> {
                            Map<Severity, Long> bySeverity = new LinkedHashMap<>();
                            for (Severity severity : Severity.values()) {
                                bySeverity.put(severity, 0L);
                            }
                            open.forEach(row -> bySeverity.put(Severity.valueOf((String) row[0]),
                                    ((Number) row[1]).longValue()));
                            return new Stats(bySeverity, seconds(means[0]), seconds(means[1]),
                                    ((Number) means[2]).longValue(), ((Number) means[3]).longValue(), window);
                        })));
    }

    private static Long seconds(Object mean) {
        return mean == null ? null : Math.round(((Number) mean).doubleValue());
    }

    /** Means in seconds, null when nothing was acknowledged (or resolved) in the window. */
    public record Stats(Map<Severity, Long> openBySeverity, Long meanSecondsToAcknowledge,
                        Long meanSecondsToResolve, long acknowledged, long resolved, Duration window) {
    }
}
