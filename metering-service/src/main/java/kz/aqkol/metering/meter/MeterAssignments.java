package kz.aqkol.metering.meter;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.contracts.MeterAssignmentChanged;
import kz.aqkol.contracts.MeterAssignmentChanged.Assignment;
import kz.aqkol.contracts.Topics;
import kz.aqkol.platform.db.Rows;
import kz.aqkol.platform.messaging.Outbox;
import kz.aqkol.platform.problem.ProblemException;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Which account a meter belongs to, as a history (table {@code meter_assignment}): metering-service is its one
 * owner. Every change runs in the caller's transaction with the meter's row locked, moves {@code meter.accountNumber}
 * (the current owner) with it, raises the meter's {@code assignmentVersion} and publishes the whole history through
 * the outbox on {@link Topics#METER_ASSIGNMENTS}, where billing-service keeps its projection.
 */
@ApplicationScoped
public class MeterAssignments {

    private static final String COLUMNS = "select meter_id, account_number, valid_from, valid_to from meter_assignment";

    private final Outbox outbox;
    private final Clock clock;

    MeterAssignments(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A meter's history, oldest first. */
    @WithSession
    public Uni<List<Assignment>> history(String meterId) {
        return histories(List.of(meterId)).map(all -> all.getOrDefault(meterId, List.of()));
    }

    /** The histories of many meters, by meter id (a meter that never had an account is absent). */
    @WithSession
    public Uni<Map<String, List<Assignment>>> histories(Collection<String> meterIds) {
        if (meterIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(COLUMNS
                        + " where meter_id = any(?1) order by meter_id, valid_from", Tuple.class)
                .setParameter(1, meterIds.toArray(String[]::new))
                .getResultList())
                .map(MeterAssignments::byMeter);
    }

    /** What the accounts named held over [from, to): each meter with the part of its history that is theirs. */
    @WithSession
    public Uni<Map<String, List<Assignment>>> ofAccounts(Collection<String> accounts, Instant from, Instant to) {
        if (accounts.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(COLUMNS
                        + " where account_number = any(?1) and valid_from < ?3"
                        + " and (valid_to is null or valid_to > ?2) order by meter_id, valid_from", Tuple.class)
                .setParameter(1, accounts.toArray(String[]::new))
                .setParameter(2, from)
                .setParameter(3, to)
                .getResultList())
                .map(MeterAssignments::byMeter);
    }

    /** The account {@code history} gives the meter at {@code at}, or null. */
    public static String ownerAt(List<Assignment> history, Instant at) {
        return history.stream().filter(a -> a.covers(at)).map(Assignment::accountNumber).findFirst().orElse(null);
    }

    /** A new meter's first account, from its installation (nothing if {@code account} is null). */
    Uni<Void> begin(Meter meter, String account, Instant at, String reason, String by) {
        meter.accountNumber = account;
        if (account == null) {
            return Uni.createFrom().voidItem();
        }
        // the new meter's row first: the history refers to it
        return Panache.getSession().chain(session -> session.flush()
                        .chain(() -> insert(session, meter.id, account, at, by, reason)))
                .chain(() -> publish(meter, reason));
    }

    /**
     * The meter belongs to {@code account} (null: to none) from {@code from} on. A change at the very instant the
     * current assignment began replaces it; a return to the account the meter left at that instant continues that
     * assignment. Nothing changes, and nothing is published, if the meter already belongs there.
     */
    Uni<List<Assignment>> change(Meter meter, String account, Instant from, String reason, String by) {
        if (meter.decommissionedAt != null) {
            throw ProblemException.conflict("meter " + meter.id + " was decommissioned at " + meter.decommissionedAt);
        }
        if (from.isBefore(meter.installedAt)) {
            throw ProblemException.invalid("from", "must not be before the meter's installation at "
                    + meter.installedAt);
        }
        if (from.isAfter(Instant.now(clock))) {
            throw ProblemException.invalid("from", "must not be in the future");
        }
        return Panache.getSession().chain(session -> history(session, meter.id).chain(history -> {
            Assignment last = history.isEmpty() ? null : history.get(history.size() - 1);
            fixedBefore(meter, last, from);
            Assignment open = last != null && last.to() == null ? last : null;
            if (open == null ? account == null : open.accountNumber().equals(account)) {
                return Uni.createFrom().item(history);
            }
            Uni<Integer> closed = open == null ? Uni.createFrom().item(0)
                    : open.from().equals(from) ? delete(session, meter.id, open.from())
                    : endAt(session, meter.id, open.from(), from);
            Assignment resumed = history.stream()
                    .filter(a -> from.equals(a.to()) && a.accountNumber().equals(account)).findFirst().orElse(null);
            meter.accountNumber = account;
            return closed
                    .chain(() -> account == null ? Uni.createFrom().item(0)
                            : resumed != null ? reopen(session, meter.id, resumed.from())
                            : insert(session, meter.id, account, from, by, reason))
                    .chain(() -> publish(meter, reason))
                    .chain(() -> history(session, meter.id));
        }));
    }

    /** The meter leaves service at {@code at}: its current assignment, if any, ends there. */
    Uni<Void> end(Meter meter, Instant at, String reason) {
        return Panache.getSession().chain(session -> history(session, meter.id).chain(history -> {
            Assignment last = history.isEmpty() ? null : history.get(history.size() - 1);
            if (last == null || last.to() != null && !last.to().isAfter(at)) {
                return Uni.createFrom().voidItem();
            }
            fixedBefore(meter, last, at);
            if (!at.isAfter(last.from())) {
                throw ProblemException.conflict("meter " + meter.id + " moved to account " + last.accountNumber()
                        + " at " + last.from() + "; choose a later time");
            }
            return endAt(session, meter.id, last.from(), at).chain(() -> publish(meter, reason));
        }));
    }

    /** A history is only ever extended: nothing may change before its last boundary. */
    private static void fixedBefore(Meter meter, Assignment last, Instant at) {
        if (last == null) {
            return;
        }
        Instant floor = last.to() != null ? last.to() : last.from();
        if (at.isBefore(floor)) {
            throw ProblemException.conflict("meter " + meter.id + "'s account history is fixed before " + floor
                    + " (its last change); choose that time or later");
        }
    }

    private Uni<Void> publish(Meter meter, String reason) {
        meter.assignmentVersion += 1;
        long version = meter.assignmentVersion;
        return Panache.getSession().chain(session -> history(session, meter.id))
                .chain(history -> outbox.enqueue(Topics.METER_ASSIGNMENTS, new MeterAssignmentChanged(
                        UUID.randomUUID(), Instant.now(clock), meter.id, version, history, reason)));
    }

    private static Uni<List<Assignment>> history(Mutiny.Session session, String meterId) {
        return session.createNativeQuery(COLUMNS + " where meter_id = ?1 order by valid_from", Tuple.class)
                .setParameter(1, meterId)
                .getResultList()
                .map(rows -> byMeter(rows).getOrDefault(meterId, List.of()));
    }

    private Uni<Integer> insert(Mutiny.Session session, String meterId, String account, Instant from, String by,
                                String reason) {
        return session.createNativeQuery("""
                        insert into meter_assignment (meter_id, account_number, valid_from, changed_at, changed_by,
                                                      reason)
                        values (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, meterId).setParameter(2, account).setParameter(3, from)
                .setParameter(4, Instant.now(clock)).setParameter(5, by).setParameter(6, reason)
                .executeUpdate();
    }

    private static Uni<Integer> endAt(Mutiny.Session session, String meterId, Instant from, Instant to) {
        return session.createNativeQuery(
                        "update meter_assignment set valid_to = ?3 where meter_id = ?1 and valid_from = ?2")
                .setParameter(1, meterId).setParameter(2, from).setParameter(3, to)
                .executeUpdate();
    }

    private static Uni<Integer> reopen(Mutiny.Session session, String meterId, Instant from) {
        return session.createNativeQuery(
                        "update meter_assignment set valid_to = null where meter_id = ?1 and valid_from = ?2")
                .setParameter(1, meterId).setParameter(2, from)
                .executeUpdate();
    }

    private static Uni<Integer> delete(Mutiny.Session session, String meterId, Instant from) {
        return session.createNativeQuery("delete from meter_assignment where meter_id = ?1 and valid_from = ?2")
                .setParameter(1, meterId).setParameter(2, from)
                .executeUpdate();
    }

    private static Map<String, List<Assignment>> byMeter(List<Tuple> rows) {
        Map<String, List<Assignment>> byMeter = new HashMap<>();
        for (Tuple row : rows) {
            byMeter.computeIfAbsent(Rows.string(row, "meter_id"), id -> new ArrayList<>())
                    .add(new Assignment(Rows.string(row, "account_number"), Rows.instant(row, "valid_from"),
                            Rows.instant(row, "valid_to")));
        }
        return byMeter;
    }
}
