package kz.aqkol.metering.meter;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;
import kz.aqkol.platform.audit.AuditLog;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Roles;

/**
 * Who may read a meter's data, and the trace a read leaves. Operators and services read any meter; a resident only
 * those of their own account (any other answers 404, as if it did not exist). A person reading a resident's meter
 * (readings, consumption) is written to the audit chain with the purpose they gave, and the resident sees it in
 * {@code /me/access-log}.
 */
@RequestScoped
public class MeterAccess {

    private final MeterService meters;
    private final AuditLog audit;
    private final Caller caller;

    MeterAccess(MeterService meters, AuditLog audit, Caller caller) {
        this.meters = meters;
        this.audit = audit;
        this.caller = caller;
    }

    /** The meter, if the caller may see it; 404 otherwise. */
    public Uni<Meter> visible(String id) {
        return meters.find(id).map(meter -> {
            boolean resident = caller.is(Roles.RESIDENT) && !caller.is(Roles.OPERATOR) && !caller.is(Roles.SERVICE);
            if (meter == null || resident && !caller.account().equals(meter.accountNumber)) {
                throw ProblemException.notFound("meter", id);
            }
            return meter;
        });
    }

    /** Records that the caller read {@code what} of the meter, if that is a person reading someone else's data. */
    public Uni<Void> read(Meter meter, String what, String purpose) {
        boolean ownData = caller.is(Roles.RESIDENT) && caller.name().equals(meter.accountNumber);
        if (meter.accountNumber == null || !caller.isPerson() || ownData) {
            return Uni.createFrom().voidItem();
        }
        return audit.append(caller, "READ", what, meter.id, meter.accountNumber,
                purpose == null || purpose.isBlank() ? "not stated" : purpose, null).replaceWithVoid();
    }
}
