package kz.aqkol.billing.account;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import kz.aqkol.contracts.AccountStatus;
import kz.aqkol.contracts.WebhookSigner;
import kz.aqkol.platform.problem.ProblemException;

/** Opens and changes accounts, each change under the account's row lock, through {@link AccountStore}. */
@ApplicationScoped
public class AccountService {

    private final Pool pool;
    private final AccountStore accounts;
    private final Clock clock;

    AccountService(Pool pool, AccountStore accounts, Clock clock) {
        this.pool = pool;
        this.accounts = accounts;
        this.clock = clock;
    }

    public Uni<Account> open(AccountRequest request) {
        String key = request.webhookUrl() == null ? null : WebhookSigner.newKey();
        Account account = new Account(request.number(), request.holder(), request.address(), request.zone(),
                request.socialCategory() == null ? SocialCategory.NONE : request.socialCategory(),
                List.of(), request.webhookUrl(), key, Boolean.TRUE.equals(request.autoPay()), AccountStatus.ACTIVE,
                null, Instant.now(clock));
        return pool.withTransaction(c -> accounts.insert(c, account)
                .map(inserted -> {
                    if (!inserted) {
                        throw ProblemException.conflict("account " + request.number() + " exists already");
                    }
                    return account;
                }));
    }

    public Uni<Account> change(String number, AccountChange change) {
        return pool.withTransaction(c -> accounts.lock(c, number)
                .chain(account -> {
                    if (account == null) {
                        throw ProblemException.notFound("account", number);
                    }
                    String webhookUrl = change.webhookUrl() == null ? account.webhookUrl()
                            : change.webhookUrl().isBlank() ? null : change.webhookUrl();
                    String webhookKey = change.webhookUrl() != null && webhookUrl != null
                            && account.webhookKey() == null ? WebhookSigner.newKey() : account.webhookKey();
                    Account changed = new Account(number, or(change.holder(), account.holder()),
                            or(change.address(), account.address()), or(change.zone(), account.zone()),
                            or(change.socialCategory(), account.socialCategory()),
                            account.meters(), webhookUrl, webhookKey, or(change.autoPay(), account.autoPay()),
                            account.status(), account.dunningStage(), account.createdAt());
                    return accounts.update(c, changed).replaceWith(changed);
                }));
    }

    /** Null if there is no such account. */
    public Uni<Account> autoPay(String number, boolean enabled) {
        return changeLocked(number, a -> new Account(a.number(), a.holder(), a.address(), a.zone(),
                a.socialCategory(), a.meters(), a.webhookUrl(), a.webhookKey(), enabled, a.status(),
                a.dunningStage(), a.createdAt()));
    }

    /**
     * A new key for signing the notices to the account's webhook, replacing the old one at once; null if there is no
     * such account.
     */
    public Uni<String> newWebhookKey(String number) {
        String key = WebhookSigner.newKey();
        return changeLocked(number, a -> new Account(a.number(), a.holder(), a.address(), a.zone(),
                a.socialCategory(), a.meters(), a.webhookUrl(), key, a.autoPay(), a.status(), a.dunningStage(),
                a.createdAt())).map(account -> account == null ? null : key);
    }

    public Uni<Account> find(String number) {
        return accounts.find(pool, number);
    }

    public Uni<List<Account>> page(String zone, String after, int rows) {
        return accounts.page(pool, zone, after, rows);
    }

    private Uni<Account> changeLocked(String number, UnaryOperator<Account> change) {
        return pool.withTransaction(c -> accounts.lock(c, number).chain(account -> {
            if (account == null) {
                return Uni.createFrom().nullItem();
            }
            Account changed = change.apply(account);
            return accounts.update(c, changed).replaceWith(changed);
        }));
    }

    private static <T> T or(T changed, T current) {
        return changed != null ? changed : current;
    }
}
