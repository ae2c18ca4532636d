package kz.aqkol.metering.reading;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import kz.aqkol.metering.meter.Meter;
import kz.aqkol.platform.audit.AuditLog;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.security.Caller;

/** Raw readings as stored, and operators' edits of them (each also written to the audit chain). */
@ApplicationScoped
public class ReadingService {

    private final ReadingRepository readings;
    private final ReadingEditRepository edits;
    private final AuditLog audit;
    private final Clock clock;

    ReadingService(ReadingRepository readings, ReadingEditRepository edits, AuditLog audit, Clock clock) {
        this.readings = readings;
        this.edits = edits;
        this.audit = audit;
        this.clock = clock;
    }

    @WithSession
    public Uni<List<Reading>> between(String meterId, Instant from, Instant to, int rows) {
        return readings.between(meterId, from, to, rows);
    }

    /**
     * Sets the register at an instant to what the operator says it was. The raw reading (if any) stays; the edit
     * takes its place when consumption is computed, and the intervals it touches become EDITED.
     */
    @WithTransaction
    public Uni<ReadingEdit> edit(Meter meter, Instant at, BigDecimal register, boolean reset, String reason,
                                 Caller by) {
        if (!meter.isActiveAt(at) && !at.equals(meter.decommissionedAt)) {
            throw ProblemException.invalid("at", "lies outside the meter's service (" + meter.installedAt + " to "
                    + (meter.decommissionedAt == null ? "now" : meter.decommissionedAt) + ")");
        }
        if (register.compareTo(meter.wrap()) >= 0) {
            throw ProblemException.invalid("register", "does not fit the meter's " + meter.registerDigits + " digits");
        }
        ReadingEdit edit = new ReadingEdit();
        edit.id = UUID.randomUUID();
        edit.meterId = meter.id;
        edit.occurredAt = at;
        edit.register = register;
        edit.reason = reason;
        edit.registerReset = reset;
        edit.editedBy = by.name();
        edit.editedAt = Instant.now(clock);
        return edits.persist(edit)
                .call(() -> audit.append(by, "EDIT_READING", "meter", meter.id, meter.accountNumber, reason,
                        "register at " + at + " set to " + register.toPlainString()
                                + (reset ? " after a register reset (counts from zero)" : "")));
    }
}
