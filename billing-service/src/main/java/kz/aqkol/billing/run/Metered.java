package kz.aqkol.billing.run;

import java.util.List;
import kz.aqkol.billing.account.SocialCategory;

/** An account whose every meter has its consumption over the period, in meter order: ready to be priced. */
record Metered(String account, SocialCategory category, List<MeterPeriod> periods) {
}
