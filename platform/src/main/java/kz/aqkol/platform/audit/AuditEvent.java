package kz.aqkol.platform.audit;

/**
 * What a person did, as a service reports it to the audit chain: {@code action} (e.g. READ, SEARCH, EXPORT,
 * GRANT_APPROVED, PURGE), the object ({@code objectType}, {@code objectId}), the resident whose personal data it
 * touched ({@code subjectAccount}, if any), the declared {@code purpose}, and a short {@code detail} free of
 * personal data.
 */
public record AuditEvent(String actor, String role, String action, String objectType, String objectId,
                         String subjectAccount, String purpose, String detail) {

    public AuditEvent {
        if (actor == null || role == null || action == null || objectType == null) {
            throw new IllegalArgumentException("an audit event needs an actor, a role, an action and an object type");
        }
    }
}
