package kz.aqkol.platform.audit;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;
import java.util.List;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Purpose;
import kz.aqkol.platform.security.Roles;

/**
 * The trace a read of residents' personal data leaves, one rule for every service:
 * <ul>
 *   <li>staff (operator, dispatcher, auditor) must state a purpose ({@link Purpose}, header {@code X-Purpose})
 *       before anything is read: without one the request fails with 400 and nothing is returned;</li>
 *   <li>every read by staff or by another service leaves one audit entry per resident touched, list and bulk reads
 *       included, with the caller (a service under its own name) and the purpose;</li>
 *   <li>a resident reading their own data leaves none.</li>
 * </ul>
 * Call {@link #purpose} first, read, then {@link #record} what was read.
 */
@RequestScoped
public class PersonalDataReads {

    /** What was read of one resident's data: {@code objectType} {@code objectId} of account {@code account}. */
    public record Read(String objectType, String objectId, String account) {
    }

    private final Caller caller;
    private final AuditLog audit;

    PersonalDataReads(Caller caller, AuditLog audit) {
        this.caller = caller;
        this.audit = audit;
    }

    /**
     * The purpose the caller stated: required from staff (400 otherwise), optional for a service (recorded when
     * given), none for a resident. Check it before reading.
     */
    public Purpose purpose(String header) {
        if (isStaff()) {
            return Purpose.parse(header);
        }
        return caller.is(Roles.SERVICE) && header != null && !header.isBlank() ? Purpose.parse(header) : null;
    }

    /** Records one read. */
    public Uni<Void> record(Read read, Purpose purpose) {
        return record(List.of(read), purpose);
    }

    /** Records the reads that touched someone else's data, in one append. */
    public Uni<Void> record(List<Read> reads, Purpose purpose) {
        if (!isStaff() && !caller.is(Roles.SERVICE)) {
            return Uni.createFrom().voidItem();
        }
        String stated = purpose != null ? purpose.toString() : "service call";
        List<AuditEvent> events = reads.stream()
                .filter(read -> read.account() != null)
                .map(read -> new AuditEvent(caller.name(), caller.role(), "READ", read.objectType(), read.objectId(),
                        read.account(), stated, null))
                .toList();
        return audit.appendAll(events);
    }

    private boolean isStaff() {
        return caller.is(Roles.OPERATOR) || caller.is(Roles.DISPATCHER) || caller.is(Roles.AUDITOR);
    }
}
