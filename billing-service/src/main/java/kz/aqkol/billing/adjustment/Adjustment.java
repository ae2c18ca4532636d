package kz.aqkol.billing.adjustment;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.util.UUID;
import kz.aqkol.platform.db.Rows;

/**
 * Money moved by hand on an account: proposed by one operator, reaching the ledger only when a second person
 * approves ({@code document}: the credit note or supplementary invoice it became), or rejected.
 */
@RegisterForReflection
public record Adjustment(UUID id, String accountNumber, Kind kind, long amountTiyn, UUID invoiceId, String reason,
                         Status status, String proposedBy, Instant proposedAt, String decidedBy, Instant decidedAt,
                         String decisionNote, UUID document) {

    /** CREDIT: money back to the resident; DEBIT: a charge; WRITE_OFF: an invoice's open amount given up. */
    public enum Kind { CREDIT, DEBIT, WRITE_OFF }

    public enum Status { PROPOSED, APPROVED, REJECTED }

    static final String COLUMNS = "id, account_number, kind, amount_tiyn, invoice_id, reason, status, proposed_by,"
            + " proposed_at, decided_by, decided_at, decision_note, document_id";

    static Adjustment of(Row row) {
        return new Adjustment(row.getUUID("id"), row.getString("account_number"), Kind.valueOf(row.getString("kind")),
                row.getLong("amount_tiyn"), row.getUUID("invoice_id"), row.getString("reason"),
                Status.valueOf(row.getString("status")), row.getString("proposed_by"),
                Rows.instant(row, "proposed_at"), row.getString("decided_by"), Rows.instant(row, "decided_at"),
                row.getString("decision_note"), row.getUUID("document_id"));
    }
}
