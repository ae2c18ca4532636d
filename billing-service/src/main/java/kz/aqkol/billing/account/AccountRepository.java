package kz.aqkol.billing.account;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<Account, String> {

    /** Those of {@code meters} that another account has already. */
    public Uni<List<String>> takenMeters(String number, java.util.Collection<String> meters) {
        if (meters == null || meters.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return getSession().chain(session -> session.createNativeQuery(
                        "select meter_id from account_meter where meter_id in (?1) and account_number <> ?2",
                        String.class)
                .setParameter(1, List.copyOf(meters))
                .setParameter(2, number)
                .getResultList());
    }

    public Uni<List<Account>> page(String zone, String after, int rows) {
        return (zone == null ? find("number > ?1 order by number", after == null ? "" : after)
                : find("zone = ?1 and number > ?2 order by number", zone, after == null ? "" : after))
                .range(0, rows - 1).list();
    }
}
