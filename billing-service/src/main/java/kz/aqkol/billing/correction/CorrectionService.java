package kz.aqkol.billing.correction;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import kz.aqkol.contracts.ConsumptionCorrected;
import kz.aqkol.platform.messaging.Inbound;
import kz.aqkol.platform.messaging.Refusal;

/** Keeps metering's corrections, once each, until a bill run settles them with a credit note or a charge. */
@ApplicationScoped
public class CorrectionService {

    private final Clock clock;

    CorrectionService(Clock clock) {
        this.clock = clock;
    }

    @WithTransaction
    public Uni<List<Refusal>> record(List<Inbound<ConsumptionCorrected>> batch) {
        Instant now = Instant.now(clock);
        return Panache.getSession().chain(session -> Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndConcatenate(inbound -> {
                    ConsumptionCorrected c = inbound.message();
                    return session.createNativeQuery("""
                                    insert into consumption_correction (id, meter_id, account_number, period_start,
                                        period_end, previous_quantity, corrected_quantity, unit, reason, occurred_at,
                                        received_at)
                                    values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) on conflict (id) do nothing""")
                            .setParameter(1, c.id())
                            .setParameter(2, c.meterId())
                            .setParameter(3, c.accountNumber())
                            .setParameter(4, c.periodStart())
                            .setParameter(5, c.periodEnd())
                            .setParameter(6, c.previousQuantity())
                            .setParameter(7, c.correctedQuantity())
                            .setParameter(8, c.unit().name())
                            .setParameter(9, c.reason())
                            .setParameter(10, c.occurredAt())
                            .setParameter(11, now)
                            .executeUpdate();
                })
                .collect().last())
                .replaceWith(List.of());
    }
}
