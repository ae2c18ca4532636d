package kz.aqkol.contracts;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A service's signed statement about its own access-audit chain, on {@code aqkol/v1/audit/checkpoints/<service>}:
 * at {@code occurredAt} the chain held {@code headSeq} entries and the last one's hash was {@code headHash}.
 * {@code signature} is the service's Ed25519 signature (base64) over those four facts; the other services verify it
 * with the service's public key and keep the checkpoint, so that a chain later cut short or recomputed in the
 * service's own database no longer matches what they hold.
 */
public record AuditCheckpoint(UUID id, Instant occurredAt, String service, Long headSeq, String headHash,
                              String signature) implements AqkolMessage {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    /** An Ed25519 signature is 64 bytes: 88 characters of base64. */
    private static final Pattern SIGNATURE = Pattern.compile("[A-Za-z0-9+/]{86}==");

    public AuditCheckpoint {
        Check.required(id, "id");
        Check.required(occurredAt, "occurredAt");
        Check.id(service, "service");
        Check.required(headSeq, "headSeq");
        if (headSeq < 0) {
            throw new ContractViolation("headSeq", "must not be negative");
        }
        Check.required(headHash, "headHash");
        if (!HASH.matcher(headHash).matches()) {
            throw new ContractViolation("headHash", "must match " + HASH.pattern());
        }
        Check.required(signature, "signature");
        if (!SIGNATURE.matcher(signature).matches()) {
            throw new ContractViolation("signature", "must be an Ed25519 signature in base64 (88 characters)");
        }
    }
}
