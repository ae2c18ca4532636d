package kz.aqkol.metering.correction;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Tuple;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import kz.aqkol.contracts.ConsumptionCorrected;
import kz.aqkol.contracts.Topics;
import kz.aqkol.metering.consumption.ConsumptionService;
import kz.aqkol.metering.meter.MeterAssignments;
import kz.aqkol.metering.meter.MeterRepository;
import kz.aqkol.metering.reading.ReadingStore;
import kz.aqkol.platform.db.Rows;
import kz.aqkol.platform.messaging.Outbox;
import kz.aqkol.platform.jobs.NotRunning;
import kz.aqkol.platform.jobs.PassLock;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Tells billing when a period it was already told about has changed: a late reading or an operator's edit near a
 * remembered period makes us compute it again, and a different total is published on
 * {@code aqkol/v1/metering/corrections} (through the outbox) and becomes the new remembered value.
 */
@ApplicationScoped
public class CorrectionService {

    private static final Logger LOG = Logger.getLogger(CorrectionService.class);

    /** Periods rechecked in one pass at most; the rest wait for the next. */
    private static final int PASS = 500;
    /**
     * How far back the first pass after a start looks for readings that arrived: readings received while no replica
     * ran for longer than this are not rechecked (the next bill run fetches the period anew anyway).
     */
    private static final java.time.Duration FIRST_LOOK = java.time.Duration.ofDays(3);

    /** Where the last complete pass of this replica began. */
    private volatile Instant checkedUpTo;

    private final MeterRepository meters;
    private final MeterAssignments assignments;
    private final ConsumptionService consumption;
    private final Outbox outbox;
    private final Clock clock;

    CorrectionService(MeterRepository meters, MeterAssignments assignments, ConsumptionService consumption,
                      Outbox outbox, Clock clock) {
        this.meters = meters;
        this.assignments = assignments;
        this.consumption = consumption;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Scheduled(every = "${aqkol.metering.detect-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = NotRunning.class)
    Uni<Void> scheduled() {
        return correct();
    }

    @WithTransaction
    public Uni<Void> correct() {
        Instant now = Instant.now(clock);
        Instant since = (checkedUpTo != null ? checkedUpTo : now.minus(FIRST_LOOK)).minus(ReadingStore.COMMIT_LAG);
        return Panache.getSession().chain(session -> PassLock.tryTake(session, "consumption-corrections")
                .chain(locked -> !locked ? Uni.createFrom().voidItem() : touched(session, since)
                        .chain(rows -> Multi.createFrom().iterable(rows)
                                .onItem().transformToUniAndConcatenate(row -> recheck(session, row, now))
                                .collect().last()
                                .invoke(() -> {
                                    if (rows.size() < PASS) { // all found: the next pass looks from here on
                                        checkedUpTo = now;
                                    }
                                }))
                        .replaceWithVoid()));
    }

    /**
     * Remembered periods of meters with readings or edits, near the period, that arrived after the last check (less
     * {@link ReadingStore#COMMIT_LAG}: a recheck that finds nothing changed publishes nothing). It is two statements
     * on purpose. The first finds the meters whose readings or edits arrived since {@code since} (the readings' BRIN
     * index on received_at); most passes find none and stop there. The second looks only at those meters'
     * snapshots. As one statement, the planner was free to test every remembered period against the readings first
     * and join the meters after: a second of PostgreSQL a pass, with a parallel worker, once a bill run of 100,000
     * meters had left its snapshots, even when no reading had arrived at all.
     */
    private static Uni<List<Tuple>> touched(Mutiny.Session session, Instant since) {
        return session.createNativeQuery("""
                        select r.meter_id from reading r where r.received_at > ?1
                        union select e.meter_id from reading_edit e where e.edited_at > ?1""", String.class)
                .setParameter(1, since)
                .getResultList()
                .chain(meterIds -> meterIds.isEmpty() ? Uni.createFrom().item(List.<Tuple>of())
                        : session.createNativeQuery("""
                                select s.meter_id, s.period_start, s.period_end, s.quantity from consumption_snapshot s
                                where s.meter_id = any(?2)
                                and (exists (select 1 from reading r where r.meter_id = s.meter_id
                                                and r.received_at > s.checked_at - make_interval(secs => ?1)
                                                and r.occurred_at between s.period_start - interval '7 days'
                                                                      and s.period_end + interval '7 days')
                                   or exists (select 1 from reading_edit e where e.meter_id = s.meter_id
                                                and e.edited_at > s.checked_at - make_interval(secs => ?1)
                                                and e.occurred_at between s.period_start - interval '7 days'
                                                                      and s.period_end + interval '7 days'))
                                """ + " limit " + PASS, Tuple.class)
                        .setParameter(1, (double) ReadingStore.COMMIT_LAG.toSeconds())
                        .setParameter(2, meterIds.toArray(String[]::new))
                        .getResultList());
    }

    private Uni<Void> recheck(Mutiny.Session session, Tuple row, Instant now) {
        String meterId = Rows.string(row, "meter_id");
        Instant start = Rows.instant(row, "period_start");
        Instant end = Rows.instant(row, "period_end");
        BigDecimal before = Rows.decimal(row, "quantity");
        return meters.findById(meterId).chain(meter -> consumption.total(meter, start, end)
                .chain(after -> assignments.history(meterId).chain(history -> {
            BigDecimal shown = after.setScale(6, java.math.RoundingMode.HALF_EVEN);
            boolean changed = shown.compareTo(before) != 0;
            Uni<Void> publish = !changed ? Uni.createFrom().voidItem()
                    : outbox.enqueue(Topics.CONSUMPTION_CORRECTIONS, new ConsumptionCorrected(UUID.randomUUID(), now,
                            meterId, MeterAssignments.ownerAt(history, start), start, end, before, shown, meter.unit,
                            "readings or edits arrived after the period was billed"));
            if (changed) {
                LOG.infof("Meter %s, %s to %s: consumption corrected from %s to %s", meterId, start, end,
                        before.toPlainString(), shown.toPlainString());
            }
            return publish.chain(() -> session.createNativeQuery("""
                            update consumption_snapshot set quantity = ?4, checked_at = ?5
                            where meter_id = ?1 and period_start = ?2 and period_end = ?3""")
                    .setParameter(1, meterId).setParameter(2, start).setParameter(3, end)
                    .setParameter(4, shown).setParameter(5, now)
                    .executeUpdate()).replaceWithVoid();
        })));
    }
}
