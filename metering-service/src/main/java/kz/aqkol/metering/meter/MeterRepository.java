package kz.aqkol.metering.meter;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class MeterRepository implements PanacheRepositoryBase<Meter, String> {

    /** Meters in id order after {@code after}, optionally of one zone, account or utility. */
    public Uni<List<Meter>> page(String zone, String account, Utility utility, String after, int rows) {
        StringBuilder query = new StringBuilder("id > :after");
        Parameters parameters = Parameters.with("after", after == null ? "" : after);
        if (zone != null) {
            query.append(" and zone = :zone");
            parameters.and("zone", zone);
        }
        if (account != null) {
            query.append(" and accountNumber = :account");
            parameters.and("account", account);
        }
        if (utility != null) {
            query.append(" and utility = :utility");
            parameters.and("utility", utility);
        }
        return find(query + " order by id", parameters).range(0, rows - 1).list();
    }

    public Uni<List<Meter>> byIds(Collection<String> ids) {
        return list("id in ?1", ids);
    }

    public Uni<List<Meter>> ofAccount(String account) {
        return list("accountNumber = ?1 order by id", account);
    }

    /** The meters named that were in service at some time in [from, to), by installation. */
    public Uni<List<Meter>> forBilling(Collection<String> ids, Instant from, Instant to) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("id in ?1 and installedAt < ?3 and (decommissionedAt is null or decommissionedAt > ?2)"
                + " order by installedAt, id", ids, from, to);
    }

    /** The meters with a zone that were in service at some time in [from, to). */
    public Uni<List<Meter>> zonedBetween(Instant from, Instant to) {
        return list("zone is not null and installedAt < ?2 and (decommissionedAt is null or decommissionedAt > ?1)"
                + " order by zone, utility, unit, id", from, to);
    }

    public Uni<List<Meter>> inZone(String zone, Utility utility) {
        return utility == null ? list("zone = ?1 order by id", zone)
                : list("zone = ?1 and utility = ?2 order by id", zone, utility);
    }
}
