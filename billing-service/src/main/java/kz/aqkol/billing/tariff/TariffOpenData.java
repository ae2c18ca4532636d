package kz.aqkol.billing.tariff;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kz.aqkol.platform.ngsi.NgsiEntity;
import kz.aqkol.platform.ngsi.NgsiQuery;
import kz.aqkol.platform.ngsi.NgsiSource;

/**
 * Every tariff version as Smart Data Models {@code Cost} entities (dataModel.CPSV-AP: a cost the user of a public
 * service pays), one for the monthly standing charge and one per consumption block, in tenge. No model of Smart Data
 * Models describes a block tariff, so the version, the date it takes effect and the block's limit are in the name and
 * description. Who made a version and why (a staff member, free text) are not published.
 */
@ApplicationScoped
public class TariffOpenData implements NgsiSource {

    static final String TYPE = "Cost";
    private static final String CURRENCY = "KZT";

    private final TariffStore tariffs;

    TariffOpenData(TariffStore tariffs) {
        this.tariffs = tariffs;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Uni<List<NgsiEntity>> entities(NgsiQuery query) {
        return all().map(costs -> {
            List<NgsiEntity> wanted = costs.stream().filter(c -> query.wants(c.id())).toList();
            int from = Math.min(query.offset(), wanted.size());
            return wanted.subList(from, Math.min(wanted.size(), from + query.rows()));
        });
    }

    @Override
    public Uni<NgsiEntity> entity(String id) {
        return all().map(costs -> costs.stream().filter(c -> c.id().equals(id)).findFirst().orElse(null));
    }

    private Uni<List<NgsiEntity>> all() {
        return tariffs.all((Utility) null).map(versions -> {
            List<NgsiEntity> costs = new ArrayList<>();
            for (Tariff tariff : versions) {
                costs.addAll(costs(tariff));
            }
            return costs;
        });
    }

    static List<NgsiEntity> costs(Tariff tariff) {
        String utility = tariff.utility().name().toLowerCase(Locale.ROOT);
        String version = "tariff:" + utility + ":v" + tariff.version();
        String title = capitalised(utility) + " tariff version " + tariff.version() + " (from "
                + tariff.effectiveFrom() + ")";
        List<NgsiEntity> costs = new ArrayList<>();
        costs.add(cost(version + ":standing-charge", title + ": standing charge per month",
                "Charged every month whatever the consumption", tariff.standingChargeTiyn()));
        BigDecimal from = BigDecimal.ZERO;
        for (int i = 0; i < tariff.blocks().size(); i++) {
            Tariff.Block block = tariff.blocks().get(i);
            String range = block.upTo() == null ? "above " + from.toPlainString() + " " + tariff.unit()
                    : "from " + from.toPlainString() + " up to " + block.upTo().toPlainString() + " " + tariff.unit();
            costs.add(cost(version + ":block-" + (i + 1), title + ": price per " + tariff.unit() + ", block "
                    + (i + 1), "Price per " + tariff.unit() + " of a month's consumption " + range, block.priceTiyn()));
            if (block.upTo() != null) {
                from = block.upTo();
            }
        }
        return costs;
    }

    private static NgsiEntity cost(String identifier, String name, String description, long tiyn) {
        return NgsiEntity.of(TYPE, identifier)
                .property("identifier", identifier)
                .property("name", name)
                .property("description", description)
                .property("value", BigDecimal.valueOf(tiyn, 2))
                .property("currency", CURRENCY);
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
