package kz.aqkol.metering.meter;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;
import java.time.Instant;
import kz.aqkol.contracts.MeterAssignmentChanged;
import kz.aqkol.platform.audit.PersonalDataReads;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Purpose;
import kz.aqkol.platform.security.Roles;

/**
 * Who may read a meter's data, and the trace a read leaves. Operators and billing-service read any meter; a resident
 * only those of their own account (any other answers 404, as if it did not exist). Staff state a purpose before a
 * read of a resident's meter (readings, consumption); every read of someone else's data is written to the audit
 * chain with it ({@link PersonalDataReads}), and the resident sees it in {@code /me/access-log}. A resident sees a
 * meter's data only from the time it became theirs ({@link #clipped}).
 */
@RequestScoped
public class MeterAccess {

    private final MeterService meters;
    private final MeterAssignments assignments;
    private final PersonalDataReads reads;
    private final Caller caller;

    MeterAccess(MeterService meters, MeterAssignments assignments, PersonalDataReads reads, Caller caller) {
        this.meters = meters;
        this.assignments = assignments;
        this.reads = reads;
        this.caller = caller;
    }

    /**
     * {@code from}, or for a resident the instant their account's current hold of the meter began if that is later:
     * a resident never sees what a meter measured for the household before theirs. 422 if nothing of [from, to) is
     * theirs.
     */
    public Uni<Instant> clipped(Meter meter, Instant from, Instant to) {
        if (!resident()) {
            return Uni.createFrom().item(from);
        }
        return assignments.history(meter.id).map(history -> {
            Instant since = history.stream().filter(a -> a.to() == null && a.accountNumber().equals(caller.account()))
                    .map(MeterAssignmentChanged.Assignment::from).findFirst().orElse(Instant.MAX);
            if (!since.isBefore(to)) {
                throw ProblemException.invalid("to", "the meter belongs to your account from " + since
                        + " on; ask for a later period");
            }
            return from.isBefore(since) ? since : from;
        });
    }

    private boolean resident() {
        return caller.is(Roles.RESIDENT) && !caller.is(Roles.OPERATOR) && !caller.is(Roles.SERVICE);
    }

    /** The meter, if the caller may see it; 404 otherwise. */
    public Uni<Meter> visible(String id) {
        return meters.find(id).map(meter -> {
            if (meter == null || resident() && !caller.account().equals(meter.accountNumber)) {
                throw ProblemException.notFound("meter", id);
            }
            return meter;
        });
    }

    /** The purpose the caller stated in {@code X-Purpose}: 400 for staff without one. Ask before reading. */
    public Purpose purpose(String header) {
        return reads.purpose(header);
    }

    /** Records that the caller read {@code what} of the meter, if that touched someone else's data. */
    public Uni<Void> read(Meter meter, String what, Purpose purpose) {
        if (meter.accountNumber == null) {
            return Uni.createFrom().voidItem();
        }
        return reads.record(new PersonalDataReads.Read(what, meter.id, meter.accountNumber), purpose);
    }
}
