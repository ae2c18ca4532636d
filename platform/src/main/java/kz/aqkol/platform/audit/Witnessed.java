package kz.aqkol.platform.audit;

import java.util.List;
import kz.aqkol.contracts.AuditCheckpoint;

/**
 * What the witnesses answered: how many were asked and answered, the checkpoints of this service they hold whose
 * signature verified (each with the witness holding it), how many they returned that did not verify, and whether
 * this service has a public key of its own to verify with.
 */
record Witnessed(int asked, int answered, List<Held> checkpoints, int rejected, boolean hasOwnKey) {

    record Held(AuditCheckpoint checkpoint, String witness) {
    }
}
