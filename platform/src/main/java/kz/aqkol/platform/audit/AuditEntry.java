package kz.aqkol.platform.audit;

import java.time.Instant;

/**
 * One link of the access-audit chain: who did what to which object, for which resident and purpose, and the hash
 * that ties it to the link before. {@code subjectAccount} is the resident whose personal data was touched, if any.
 */
public record AuditEntry(long seq, Instant occurredAt, String actor, String role, String action, String objectType,
                         String objectId, String subjectAccount, String purpose, String detail, String prevHash,
                         String hash) {
}
