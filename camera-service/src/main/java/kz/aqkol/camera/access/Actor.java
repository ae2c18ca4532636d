package kz.aqkol.camera.access;

import kz.aqkol.platform.audit.AuditEvent;
import kz.aqkol.platform.security.Caller;

/** The person acting, captured from the request once, and what they did as an audit entry. */
public record Actor(String name, String role) {

    public static Actor of(Caller caller) {
        return new Actor(caller.name(), caller.role());
    }

    public static Actor system() {
        return new Actor("camera-service", "service");
    }

    public AuditEvent did(String action, String objectType, String objectId, String purpose, String detail) {
        return new AuditEvent(name, role, action, objectType, objectId, null, purpose, detail);
    }
}
