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
import kz.aqkol.contracts.WebhookSigner;

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
        return free(request.number(), request.meters()).chain(() -> accounts.findById(request.number()))
                .chain(existing -> {
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
            account.webhookKey = account.webhookUrl == null ? null : WebhookSigner.newKey();
            account.autoPay = Boolean.TRUE.equals(request.autoPay());
            account.status = AccountStatus.ACTIVE;
            account.createdAt = Instant.now(clock);
            return accounts.persist(account);
        });
    }

    private Uni<Void> free(String number, java.util.Set<String> meters) {
        return accounts.takenMeters(number, meters).invoke(taken -> {
            if (!taken.isEmpty()) {
                throw ProblemException.conflict("meters " + taken + " belong to another account");
            }
        }).replaceWithVoid();
    }

    @WithTransaction
    public Uni<Account> change(String number, AccountChange change) {
        return free(number, change.meters()).chain(() -> accounts.findById(number)).invoke(account -> {
            if (account == null) {
                throw ProblemException.notFound("account", number);
            }
            if (change.holder() != null) {
                account.holder = change.holder();
            }
            if (change.address() != null) {
                account.address = change.address();
            }
            if (change.zone() != null) {
                account.zone = change.zone();
            }
            if (change.socialCategory() != null) {
                account.socialCategory = change.socialCategory();
            }
            if (change.meters() != null) {
                account.meters.clear();
                account.meters.addAll(change.meters());
            }
            if (change.webhookUrl() != null) {
                account.webhookUrl = change.webhookUrl().isBlank() ? null : change.webhookUrl();
                if (account.webhookUrl != null && account.webhookKey == null) {
                    account.webhookKey = WebhookSigner.newKey();
                }
            }
            if (change.autoPay() != null) {
                account.autoPay = change.autoPay();
            }
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

    /**
     * A new key for signing the notices to the account's webhook, replacing the old one at once; null if there is no
     * such account.
     */
    @WithTransaction
    public Uni<String> newWebhookKey(String number) {
        return accounts.findById(number).map(account -> {
            if (account == null) {
                return null;
            }
            account.webhookKey = WebhookSigner.newKey();
            return account.webhookKey;
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
