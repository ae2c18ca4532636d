package kz.aqkol.billing.account;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<Account, String> {

    public Uni<List<Account>> page(String zone, String after, int rows) {
        return (zone == null ? find("number > ?1 order by number", after == null ? "" : after)
                : find("zone = ?1 and number > ?2 order by number", zone, after == null ? "" : after))
                .range(0, rows - 1).list();
    }
}
