package kz.aqkol.billing.correction;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import kz.aqkol.contracts.ConsumptionCorrected;
import kz.aqkol.platform.messaging.Inbound;
import kz.aqkol.platform.messaging.Refusal;
import kz.aqkol.platform.time.DbTimes;

/** Keeps metering's corrections, once each, until a bill run settles them with a credit note or a charge. */
@ApplicationScoped
public class CorrectionService {

    private static final String INSERT = """
            insert into consumption_correction (id, meter_id, account_number, period_start, period_end,
                previous_quantity, corrected_quantity, unit, reason, occurred_at, received_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) on conflict (id) do nothing""";

    private final Pool pool;
    private final Clock clock;

    CorrectionService(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** The batch in one transaction, one statement round trip for all of it. */
    public Uni<List<Refusal>> record(List<Inbound<ConsumptionCorrected>> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Instant now = Instant.now(clock);
        List<Tuple> rows = batch.stream().map(Inbound::message).map(c -> Tuple.tuple(Arrays.asList(c.id(),
                c.meterId(), c.accountNumber(), DbTimes.at(c.periodStart()), DbTimes.at(c.periodEnd()),
                c.previousQuantity(), c.correctedQuantity(), c.unit().name(), c.reason(), DbTimes.at(c.occurredAt()),
                DbTimes.at(now)))).toList();
        return pool.withTransaction(c -> c.preparedQuery(INSERT).executeBatch(rows)).replaceWith(List.of());
    }
}
