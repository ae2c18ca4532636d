package kz.aqkol.billing.run;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.billing.tariff.Tariff;
import kz.aqkol.billing.tariff.Utility;

/** One execution of a bill run: its id, the month [from, to) and every tariff version, by utility. */
record BillRun(UUID id, YearMonth period, Map<Utility, List<Tariff>> tariffs) {

    static BillRun of(UUID id, YearMonth period, List<Tariff> all) {
        Map<Utility, List<Tariff>> byUtility = new HashMap<>();
        all.forEach(t -> byUtility.computeIfAbsent(t.utility(), u -> new ArrayList<>()).add(t));
        return new BillRun(id, period, byUtility);
    }

    LocalDate from() {
        return period.atDay(1);
    }

    LocalDate to() {
        return period.plusMonths(1).atDay(1);
    }
}
