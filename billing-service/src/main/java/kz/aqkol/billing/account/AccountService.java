package kz.aqkol.billing.account;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import kz.aqkol.contracts.AccountStatus;
import kz.aqkol.platform.problem.ProblemException;

@ApplicationScoped
public class AccountService {

    private final AccountRepository accounts;
    private final Clock clock;

    AccountService(AccountRepository accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Account> open(AccountRequest request) {
        return accounts.findById(request.number()).chain(existing -> {
            if (existing != null) {
                throw ProblemException.conflict("account " + request.number() + " exists already");
            }
            Account account = new Account();
            account.number = request.number();
            account.holder = request.holder();
            account.address = request.address();
            account.zone = request.zone();
            account.socialCategory = request.socialCategory() == null ? SocialCategory.NONE : request.socialCategory();
            account.meters = request.meters() == null ? new LinkedHashSet<>() : new LinkedHashSet<>(request.meters());
            account.webhookUrl = request.webhookUrl();
            account.autoPay = Boolean.TRUE.equals(request.autoPay());
            account.status = AccountStatus.ACTIVE;
            account.createdAt = Instant.now(clock);
            return accounts.persist(account);
        });
    }

    @WithTransaction
    public Uni<Account> autoPay(String number, boolean enabled) {
        return accounts.findById(number).invoke(account -> {
            if (account != null) {
                account.autoPay = enabled;
            }
        });
    }

    @WithSession
    public Uni<Account> find(String number) {
        return accounts.findById(number);
    }

    @WithSession
    public Uni<List<Account>> page(String zone, String after, int rows) {
        return accounts.page(zone, after, rows);
    }
}
