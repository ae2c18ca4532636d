package kz.aqkol.billing.invoice;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An invoice, supplementary invoice or credit note. Amounts in tiyn; {@code openTiyn} is what is still owed on it.
 * {@code note}: why a credit note or supplementary invoice was issued (a correction, or an adjustment's reason);
 * {@code lines} only on a single invoice, not in lists.
 */
@RegisterForReflection
public record InvoiceView(UUID id, String accountNumber, String kind, String period, long totalTiyn,
                          long settledTiyn, long openTiyn, String currency, String status, Instant issuedAt,
                          LocalDate dueDate, boolean disputed, UUID originalInvoice, String note,
                          List<Line> lines) {

    @RegisterForReflection
    public record Line(String meterId, String utility, BigDecimal quantity, long amountTiyn) {
    }

    static String status(String kind, long total, long settled) {
        if ("CREDIT_NOTE".equals(kind)) {
            return "CREDIT";
        }
        return settled >= total ? "PAID" : settled == 0 ? "OPEN" : "PARTLY_PAID";
    }
}
