package kz.aqkol.metering.meter;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import jakarta.persistence.LockModeType;
import kz.aqkol.contracts.MeterAssignmentChanged;
import kz.aqkol.platform.audit.AuditLog;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.metering.reading.Reading;
import kz.aqkol.metering.reading.ReadingPartitions;
import kz.aqkol.metering.reading.ReadingRepository;
import kz.aqkol.platform.problem.ProblemException;

/** The meter registry: registering, replacing and retiring meters, each with the register it starts or ends on. */
@ApplicationScoped
public class MeterService {

    private final MeterRepository meters;
    private final MeterAssignments assignments;
    private final ReadingRepository readings;
    private final ReadingPartitions partitions;
    private final AuditLog audit;
    private final Clock clock;

    MeterService(MeterRepository meters, MeterAssignments assignments, ReadingRepository readings,
                 ReadingPartitions partitions, AuditLog audit, Clock clock) {
        this.meters = meters;
        this.assignments = assignments;
        this.readings = readings;
        this.partitions = partitions;
        this.audit = audit;
        this.clock = clock;
    }

    @WithSession
    public Uni<Meter> find(String id) {
        return meters.findById(id);
    }

    @WithSession
    public Uni<List<Meter>> page(String zone, String account, Utility utility, String after, int rows) {
        return meters.page(zone, account, utility, after, rows);
    }

    @WithTransaction
    public Uni<Meter> register(MeterRequest request, Caller by) {
        Meter meter = newMeter(request, request.installedAt() == null ? Instant.now(clock) : request.installedAt());
        return meters.findById(request.id())
                .invoke(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict("meter " + request.id() + " is already registered");
                    }
                })
                .chain(() -> meters.persist(meter))
                .chain(() -> assignments.begin(meter, request.accountNumber(), meter.installedAt, "registered",
                        by.name()))
                .chain(() -> request.initialRegister() == null ? Uni.createFrom().voidItem()
                        : persist(reading(meter, meter.installedAt, request.initialRegister(), "INITIAL")))
                .replaceWith(meter);
    }

    /**
     * The meter belongs to another account (or none) from {@code request.from()} on; the history as it stands after.
     * A change of who pays for a meter is recorded in the audit chain under both accounts.
     */
    @WithTransaction
    public Uni<List<MeterAssignmentChanged.Assignment>> assign(String id, AssignmentRequest request, Caller by) {
        return meters.findById(id, LockModeType.PESSIMISTIC_WRITE).chain(meter -> {
            if (meter == null) {
                throw ProblemException.notFound("meter", id);
            }
            String before = meter.accountNumber;
            long version = meter.assignmentVersion;
            return assignments.change(meter, request.accountNumber(), request.from(), request.reason(), by.name())
                    .call(history -> meter.assignmentVersion == version ? Uni.createFrom().voidItem()
                            : audit.append(by, "ASSIGN_METER", "meter", id, request.accountNumber(),
                                    request.reason(), "account " + (before == null ? "none" : before) + " -> "
                                            + (request.accountNumber() == null ? "none" : request.accountNumber())
                                            + " from " + request.from())
                            .chain(() -> before == null || before.equals(request.accountNumber())
                                    ? Uni.createFrom().voidItem()
                                    : audit.append(by, "ASSIGN_METER", "meter", id, before, request.reason(),
                                    "meter left the account from " + request.from()))
                            .replaceWithVoid());
        });
    }

    /** Closes {@code id} with its final register and starts its successor at the same instant. */
    @WithTransaction
    public Uni<Meter> replace(String id, ReplacementRequest request, Caller by) {
        MeterRequest next = request.newMeter();
        return active(id, request.at())
                .call(old -> meters.findById(next.id()).invoke(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict("meter " + next.id() + " is already registered");
                    }
                }))
                .chain(old -> close(old, request.at(), request.finalRegister())
                        .chain(() -> assignments.end(old, request.at(), "replaced by meter " + next.id()))
                        .chain(() -> {
                    Meter successor = newMeter(next, request.at());
                    successor.replaces = old.id;
                    successor.zone = next.zone() != null ? next.zone() : old.zone;
                    String account = next.accountNumber() != null ? next.accountNumber() : old.accountNumber;
                    BigDecimal start = next.initialRegister() == null ? BigDecimal.ZERO : next.initialRegister();
                    return meters.persist(successor)
                            .chain(() -> assignments.begin(successor, account, request.at(),
                                    "replaces meter " + old.id, by.name()))
                            .chain(() -> persist(reading(successor, request.at(), start, "INITIAL")))
                            .replaceWith(successor);
                }));
    }

    @WithTransaction
    public Uni<Meter> decommission(String id, DecommissionRequest request) {
        return active(id, request.at())
                .call(meter -> close(meter, request.at(), request.finalRegister())
                        .chain(() -> assignments.end(meter, request.at(), "decommissioned")));
    }

    private Uni<Meter> active(String id, Instant at) {
        return meters.findById(id, LockModeType.PESSIMISTIC_WRITE).invoke(meter -> {
            if (meter == null) {
                throw ProblemException.notFound("meter", id);
            }
            if (meter.decommissionedAt != null) {
                throw ProblemException.conflict("meter " + id + " was decommissioned at " + meter.decommissionedAt);
            }
            if (!at.isAfter(meter.installedAt)) {
                throw ProblemException.invalid("at", "must be after the meter's installation at " + meter.installedAt);
            }
        });
    }

    private Uni<Void> close(Meter meter, Instant at, BigDecimal finalRegister) {
        meter.decommissionedAt = at;
        return readings.find("meterId = ?1 and occurredAt >= ?2", meter.id, at).count()
                .invoke(later -> {
                    if (later > 0) {
                        throw ProblemException.conflict("meter " + meter.id + " has " + later
                                + " readings at or after " + at + "; choose a later time");
                    }
                })
                .chain(() -> persist(reading(meter, at, finalRegister, "FINAL")));
    }

    /** Stores a reading the registry writes, in its month's partition (made if missing: the month may be long past). */
    private Uni<Void> persist(Reading reading) {
        return partitions.makeFor(reading.occurredAt).chain(() -> readings.persist(reading)).replaceWithVoid();
    }

    private Meter newMeter(MeterRequest request, Instant installedAt) {
        if (!request.utility().measuresIn(request.unit())) {
            throw ProblemException.invalid("unit", "must be " + request.utility().units().stream()
                    .map(Enum::name).sorted().collect(Collectors.joining(" or ")) + " for " + request.utility());
        }
        Meter meter = new Meter();
        meter.id = request.id();
        meter.utility = request.utility();
        meter.unit = request.unit();
        meter.registerDigits = request.registerDigits();
        meter.multiplier = request.multiplier() == null ? BigDecimal.ONE : request.multiplier();
        meter.hasValve = Boolean.TRUE.equals(request.hasValve());
        meter.zone = request.zone();
        meter.accountNumber = request.accountNumber();
        meter.installedAt = installedAt;
        meter.createdAt = Instant.now(clock);
        return meter;
    }

    private Reading reading(Meter meter, Instant at, BigDecimal register, String flag) {
        if (register.compareTo(meter.wrap()) >= 0) {
            throw ProblemException.invalid("register", "does not fit the meter's " + meter.registerDigits + " digits");
        }
        return Reading.of(meter.id, at, register, flag, Instant.now(clock));
    }
}
