package kz.aqkol.billing.meter;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.aqkol.contracts.MeterAssignmentChanged;
import kz.aqkol.contracts.Topics;
import kz.aqkol.platform.messaging.Inbound;
import kz.aqkol.platform.messaging.Intakes;
import kz.aqkol.platform.messaging.Refusal;
import kz.aqkol.platform.time.DbTimes;
import org.jboss.logging.Logger;

/**
 * billing's projection of metering-service's meter histories ({@code aqkol/v1/metering/meter-assignments}): each
 * message carries a meter's whole history and a version, and replaces what is kept for that meter when its version is
 * higher, so a redelivered or late message changes nothing. Of a batch, only each meter's highest version is applied,
 * in one transaction.
 */
@ApplicationScoped
class MeterAssignmentProjection {

    private static final Logger LOG = Logger.getLogger(MeterAssignmentProjection.class);

    /** Takes the version if it is newer; no row back means the history kept is as new or newer. */
    private static final String NEWER = """
            insert into meter_assignment_version (meter_id, version, received_at) values ($1, $2, $3)
            on conflict (meter_id) do update set version = excluded.version, received_at = excluded.received_at
            where meter_assignment_version.version < excluded.version
            returning meter_id""";
    private static final String DROP = "delete from meter_assignment where meter_id = $1";
    private static final String ADD = """
            insert into meter_assignment (meter_id, account_number, valid_from, valid_to)
            select $1, * from unnest($2::text[], $3::timestamptz[], $4::timestamptz[])""";

    private final Pool pool;
    private final Clock clock;

    MeterAssignmentProjection(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event, Intakes intakes) {
        intakes.open("meter-assignments", Topics.METER_ASSIGNMENTS, MeterAssignmentChanged.class, this::apply);
    }

    Uni<List<Refusal>> apply(List<Inbound<MeterAssignmentChanged>> batch) {
        Map<String, MeterAssignmentChanged> latest = new LinkedHashMap<>();
        batch.stream().map(Inbound::message).sorted(Comparator.comparing(MeterAssignmentChanged::version))
                .forEach(m -> latest.put(m.meterId(), m));
        if (latest.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Instant now = Instant.now(clock);
        return pool.withTransaction(c -> apply(c, List.copyOf(latest.values()), 0, now)).replaceWith(List.of());
    }

    private Uni<Void> apply(SqlConnection c, List<MeterAssignmentChanged> changes, int i, Instant now) {
        if (i == changes.size()) {
            return Uni.createFrom().voidItem();
        }
        MeterAssignmentChanged change = changes.get(i);
        return c.preparedQuery(NEWER).execute(Tuple.of(change.meterId(), change.version(), DbTimes.at(now)))
                .chain(newer -> {
                    if (newer.size() == 0) {
                        LOG.debugf("meter %s: history version %d is not newer than the one kept", change.meterId(),
                                change.version());
                        return Uni.createFrom().voidItem();
                    }
                    List<MeterAssignmentChanged.Assignment> spans = change.assignments();
                    return c.preparedQuery(DROP).execute(Tuple.of(change.meterId()))
                            .chain(() -> spans.isEmpty() ? Uni.createFrom().voidItem()
                                    : c.preparedQuery(ADD).execute(Tuple.of(change.meterId(),
                                    spans.stream().map(MeterAssignmentChanged.Assignment::accountNumber)
                                            .toArray(String[]::new),
                                    spans.stream().map(a -> DbTimes.at(a.from()))
                                            .toArray(java.time.OffsetDateTime[]::new),
                                    spans.stream().map(a -> a.to() == null ? null : DbTimes.at(a.to()))
                                            .toArray(java.time.OffsetDateTime[]::new))).replaceWithVoid());
                })
                .chain(() -> apply(c, changes, i + 1, now));
    }
}
