package kz.aqkol.billing.run;

import java.util.List;
import java.util.UUID;
import kz.aqkol.billing.invoice.Explanation;

/** A priced invoice not yet issued: its id, the meter periods it bills and how it was computed (line by line). */
record InvoiceDraft(UUID id, List<MeterPeriod> periods, Explanation explanation) {

    String account() {
        return explanation.account();
    }

    long totalTiyn() {
        return explanation.totalTiyn();
    }
}
