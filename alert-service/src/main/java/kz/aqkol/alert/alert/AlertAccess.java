package kz.aqkol.alert.alert;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.RequestScoped;
import java.util.List;
import kz.aqkol.platform.audit.AuditEvent;
import kz.aqkol.platform.audit.AuditLog;
import kz.aqkol.platform.messaging.FreshContext;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Purpose;
import kz.aqkol.platform.security.Roles;

/**
 * The trace a look at resident-related alerts leaves. An alert labelled with a resident's account (a leak at their
 * meter, their account overdue) is personal data: every read of one by anyone but that resident, in a list, one by
 * one, in its timeline, through Alertmanager's API or on the live stream, is written to the audit chain with the
 * caller, their role and the purpose they gave in {@code X-Purpose}, and the resident sees it at
 * {@code /me/access-log}.
 */
@RequestScoped
public class AlertAccess {

    public static final String PURPOSE = Purpose.HEADER;
    /** The standing purpose of a look at the alert list: someone's safety, on duty. */
    static final Purpose ON_DUTY = new Purpose(Purpose.Code.SAFETY, "alert duty");

    private final AuditLog audit;
    private final Caller caller;
    private final Vertx vertx;

    AlertAccess(AuditLog audit, Caller caller, Vertx vertx) {
        this.audit = audit;
        this.caller = caller;
        this.vertx = vertx;
    }

    /** The purpose of a read: the one stated in {@code X-Purpose} (400 if not from the list), or {@link #ON_DUTY}. */
    public static Purpose purpose(String header) {
        return header == null || header.isBlank() ? ON_DUTY : Purpose.parse(header);
    }

    /** Records that the caller read {@code what} of these alerts; passes them on once recorded. */
    public Uni<List<AlertView>> read(List<AlertView> alerts, String what, Purpose purpose) {
        List<AuditEvent> events = alerts.stream()
                .filter(alert -> alert.account() != null && !ownAccount(alert.account()))
                .map(alert -> event(caller.name(), caller.role(), what, alert, purpose))
                .toList();
        return record(events).replaceWith(alerts);
    }

    /**
     * What the caller's live stream shows: each resident-related alert is recorded as it goes out, in a session of
     * its own (the stream outlives the request).
     */
    public Multi<AlertView> streamed(Multi<AlertView> changes) {
        String name = caller.name();
        String role = caller.role();
        String own = caller.is(Roles.RESIDENT) ? caller.name() : null;
        return changes.onItem().call(alert -> alert.account() == null || alert.account().equals(own)
                ? Uni.createFrom().voidItem()
                : FreshContext.run(vertx.getOrCreateContext(),
                        () -> record(List.of(event(name, role, "alert-stream", alert, ON_DUTY)))));
    }

    private boolean ownAccount(String account) {
        return caller.is(Roles.RESIDENT) && caller.name().equals(account);
    }

    private static AuditEvent event(String name, String role, String what, AlertView alert, Purpose purpose) {
        return new AuditEvent(name, role, "READ", what, alert.id().toString(), alert.account(), purpose.toString(),
                alert.type());
    }

    private Uni<Void> record(List<AuditEvent> events) {
        return audit.appendAll(events);
    }
}
