package kz.aqkol.billing.invoice;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;
import kz.aqkol.platform.time.DbTimes;

/**
 * Issues the documents that follow an invoice — a credit note or a supplementary invoice, from a correction or an
 * adjustment — in the caller's transaction. The caller posts the ledger transaction that goes with it.
 */
public final class Documents {

    private static final String INSERT = """
            insert into invoice (id, account_number, kind, period, original_id, total_tiyn, settled_tiyn, issued_at,
                                 due_date, explanation, note)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11)""";

    /**
     * {@code kind}: CREDIT_NOTE or SUPPLEMENTARY; {@code original} may be null; the explanation as JSON, and its note
     * (why the document was issued) beside it.
     */
    public record Document(UUID id, String account, String kind, String period, UUID original, long totalTiyn,
                           long settledTiyn, Instant issuedAt, LocalDate dueDate, String explanation, String note) {
    }

    private Documents() {
    }

    public static Uni<Void> issue(SqlConnection c, Document d) {
        return c.preparedQuery(INSERT).execute(Tuple.tuple(Arrays.asList(d.id(), d.account(), d.kind(), d.period(),
                d.original(), d.totalTiyn(), d.settledTiyn(), DbTimes.at(d.issuedAt()), d.dueDate(),
                d.explanation(), d.note()))).replaceWithVoid();
    }
}
