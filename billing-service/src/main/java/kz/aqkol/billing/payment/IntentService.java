package kz.aqkol.billing.payment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import kz.aqkol.billing.account.AccountStore;
import kz.aqkol.billing.config.BillingConfig;
import kz.aqkol.billing.payment.provider.PaymentProvider;
import kz.aqkol.billing.payment.provider.PaymentProviders;
import kz.aqkol.billing.payment.provider.ProviderEvent;
import kz.aqkol.platform.jobs.NotRunning;
import kz.aqkol.platform.json.JsonText;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.time.DbTimes;
import org.jboss.logging.Logger;

/**
 * Payment intents: a resident's pay action opens a checkout at the payment provider and nothing else; money reaches
 * the ledger, the invoices, the wallet and dunning only when the provider's authenticated callback confirms it
 * ({@link IntentRules} says what each callback does). Opening one is idempotent per Idempotency-Key, and no database
 * lock is held while the provider is called: the key and the intent are committed first, the provider asked, and
 * its reference recorded in a second transaction with the response the key replays.
 */
@ApplicationScoped
public class IntentService {

    private static final Logger LOG = Logger.getLogger(IntentService.class);
    /** A key still marked under way after this long belongs to a request that died mid-way: it is released. */
    private static final Duration ABANDONED_CLAIM = Duration.ofMinutes(2);
    private static final String COLUMNS = "id, account_number, status, amount_tiyn, currency, purpose, invoice_id,"
            + " provider, provider_reference, checkout_url, created_at, expires_at, payment_id";

    private final Pool pool;
    private final AccountStore accounts;
    private final PaymentService payments;
    private final PaymentProviders providers;
    private final PaymentMetrics metrics;
    private final BillingConfig.Payments config;
    private final ObjectMapper json;
    private final Clock clock;

    IntentService(Pool pool, AccountStore accounts, PaymentService payments, PaymentProviders providers, PaymentMetrics metrics,
                  BillingConfig config, ObjectMapper json, Clock clock) {
        this.pool = pool;
        this.accounts = accounts;
        this.payments = payments;
        this.providers = providers;
        this.metrics = metrics;
        this.config = config.payments();
        this.json = json;
        this.clock = clock;
    }

    /** Opens an intent and its checkout, once per Idempotency-Key; 201 with the intent, or the first answer again. */
    public Uni<PaymentService.Outcome> open(String scope, String key, String account, PayRequest request) {
        String hash = PaymentService.sha256(request.fingerprint(account));
        Instant now = Instant.now(clock);
        PaymentProvider provider = providers.checkout();
        IntentView pending = new IntentView(UUID.randomUUID(), account, IntentRules.Status.PENDING.name(),
                request.amountTiyn(), "KZT", request.purpose(), request.invoiceId(), provider.name(), null, null, now,
                now.plus(config.intentTtl()), null);
        return pool.withTransaction(c -> IdempotencyKeys.claim(c, scope, key, hash, now)
                        .chain(claimed -> claimed
                                ? insert(c, pending).replaceWith(Optional.<PaymentService.Outcome>empty())
                                : IdempotencyKeys.replay(c, scope, key, hash).map(Optional::of)))
                .chain(replay -> replay.isPresent() ? Uni.createFrom().item(replay.get())
                        : checkout(scope, key, pending, provider, request.returnUrl()));
    }

    private Uni<Void> insert(SqlConnection c, IntentView intent) {
        return accounts.exists(c, intent.accountNumber())
                .chain(exists -> {
                    if (!exists) {
                        throw ProblemException.notFound("account", intent.accountNumber());
                    }
                    return intent.invoiceId() == null ? Uni.createFrom().voidItem() : c.preparedQuery(
                                    "select 1 from invoice where id = $1 and account_number = $2"
                                            + " and kind <> 'CREDIT_NOTE'")
                            .execute(Tuple.of(intent.invoiceId(), intent.accountNumber()))
                            .invoke(invoices -> {
                                if (invoices.size() == 0) {
                                    throw ProblemException.notFound("invoice", intent.invoiceId());
                                }
                            }).replaceWithVoid();
                })
                .chain(() -> c.preparedQuery("""
                                insert into payment_intent (id, account_number, amount_tiyn, currency, purpose,
                                    invoice_id, provider, status, created_at, expires_at, updated_at)
                                values ($1, $2, $3, $4, $5, $6, $7, 'PENDING', $8, $9, $8)""")
                        .execute(Tuple.from(Arrays.asList(intent.id(), intent.accountNumber(), intent.amountTiyn(),
                                intent.currency(), intent.purpose().name(), intent.invoiceId(), intent.provider(),
                                DbTimes.at(intent.createdAt()), DbTimes.at(intent.expiresAt())))))
                .replaceWithVoid();
    }

    /** Asks the provider for a checkout (no transaction open), then records it and the answer the key replays. */
    private Uni<PaymentService.Outcome> checkout(String scope, String key, IntentView intent,
                                                 PaymentProvider provider, String returnUrl) {
        String description = "Smart Aqkol account " + intent.accountNumber() + ", intent " + intent.id();
        // deferred, so that an adapter failing before it returns a Uni is cleaned up like one failing later
        return Uni.createFrom().deferred(() -> provider.createCheckout(new PaymentProvider.CheckoutRequest(
                        intent.id(), intent.amountTiyn(), intent.currency(), description, intent.expiresAt(),
                        returnUrl)))
                .onFailure().call(e -> pool.withTransaction(c -> c.preparedQuery(
                                "update payment_intent set status = 'FAILED', updated_at = $2 where id = $1")
                        .execute(Tuple.of(intent.id(), DbTimes.at(Instant.now(clock))))
                        .chain(() -> IdempotencyKeys.release(c, scope, key)))
                        .invoke(() -> metrics.intent("failed")))
                .chain(checkout -> {
                    IntentView opened = new IntentView(intent.id(), intent.accountNumber(), intent.status(),
                            intent.amountTiyn(), intent.currency(), intent.purpose(), intent.invoiceId(),
                            intent.provider(), checkout.reference(), checkout.checkoutUrl(), intent.createdAt(),
                            intent.expiresAt(), null);
                    String body = JsonText.write(json, opened);
                    return pool.withTransaction(c -> c.preparedQuery("""
                                            update payment_intent set provider_reference = $2, checkout_url = $3
                                            where id = $1""")
                                    .execute(Tuple.of(intent.id(), checkout.reference(), checkout.checkoutUrl()))
                                    .chain(() -> IdempotencyKeys.complete(c, scope, key, 201, body)))
                            .invoke(() -> metrics.intent("created"))
                            .replaceWith(new PaymentService.Outcome(201, body, false, intent.id()));
                });
    }

    /** A resident's own intent; another account's answers 404. */
    public Uni<IntentView> get(String account, UUID id) {
        return pool.preparedQuery("select " + COLUMNS + " from payment_intent where id = $1 and account_number = $2")
                .execute(Tuple.of(id, account))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("payment intent", id);
                    }
                    return view(rows.iterator().next());
                });
    }

    /**
     * Applies an authenticated provider event to the intent it refers to, in one transaction with the intent row
     * locked, so that a confirmation sent twice (or twice at once) records one payment. Refusals leave the intent
     * as it was and are counted.
     */
    public Uni<IntentView> apply(String provider, ProviderEvent event) {
        Instant now = Instant.now(clock);
        return pool.withTransaction(c -> c.preparedQuery("select " + COLUMNS + " from payment_intent"
                        + " where provider = $1 and provider_reference = $2 for update")
                .execute(Tuple.of(provider, event.reference()))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        metrics.refused("unknown");
                        LOG.warnf("payment callback from %s for an unknown reference", provider);
                        throw ProblemException.notFound("payment intent with provider reference", event.reference());
                    }
                    IntentView intent = view(rows.iterator().next());
                    boolean sameAmount = intent.amountTiyn() == event.amountTiyn()
                            && intent.currency().equals(event.currency());
                    IntentRules.Decision decision = IntentRules.decide(IntentRules.Status.valueOf(intent.status()),
                            event.kind(), sameAmount, !now.isBefore(intent.expiresAt()));
                    return decided(c, intent, event, decision, now);
                }));
    }

    private Uni<IntentView> decided(SqlConnection c, IntentView intent, ProviderEvent event,
                                    IntentRules.Decision decision, Instant now) {
        return switch (decision) {
            case CONFIRM -> payments.receive(c, new PaymentService.Receipt(intent.accountNumber(),
                            intent.amountTiyn(), intent.purpose(), intent.invoiceId(), "PROVIDER:" + intent.provider(),
                            intent.providerReference()), now)
                    .chain(payment -> moveTo(c, intent, IntentRules.Status.CONFIRMED, payment.id(), now));
            case DECLINE -> moveTo(c, intent, IntentRules.Status.DECLINED, null, now);
            case REFUND -> payments.refund(c, intent.paymentId(), now)
                    .chain(() -> moveTo(c, intent, IntentRules.Status.REFUNDED, intent.paymentId(), now));
            case ALREADY_DONE -> Uni.createFrom().item(intent);
            case WRONG_AMOUNT -> {
                metrics.refused("amount");
                LOG.warnf("payment callback from %s refused: %s of %d %s for intent %s of %d %s", intent.provider(),
                        event.kind(), event.amountTiyn(), event.currency(), intent.id(), intent.amountTiyn(),
                        intent.currency());
                throw ProblemException.unprocessable("The amount (" + event.amountTiyn() + " " + event.currency()
                        + ") is not the intent's (" + intent.amountTiyn() + " " + intent.currency() + ")");
            }
            case EXPIRED -> {
                metrics.refused("state");
                throw ProblemException.conflict("Payment intent " + intent.id() + " expired at "
                        + intent.expiresAt() + ": the money must be returned to the payer");
            }
            case WRONG_STATE -> {
                metrics.refused("state");
                throw ProblemException.conflict("Payment intent " + intent.id() + " is " + intent.status()
                        + ": it cannot become " + event.kind());
            }
        };
    }

    private Uni<IntentView> moveTo(SqlConnection c, IntentView intent, IntentRules.Status status, UUID payment,
                                   Instant now) {
        return c.preparedQuery("update payment_intent set status = $2, payment_id = $3, updated_at = $4"
                        + " where id = $1 returning " + COLUMNS)
                .execute(Tuple.of(intent.id(), status.name(), payment, DbTimes.at(now)))
                .invoke(() -> metrics.intent(status.name().toLowerCase(Locale.ROOT)))
                .map(rows -> view(rows.iterator().next()));
    }

    @Scheduled(every = "${aqkol.billing.payments.expire-every:1m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = NotRunning.class)
    Uni<Void> scheduledExpiry() {
        return expire().onFailure().invoke(e -> LOG.warnf("expiring payment intents failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * Pending intents past their expiry become EXPIRED (no money moved, none will: a later confirmation is refused),
     * and keys of pay actions that died before their checkout was recorded are released. The number expired.
     */
    public Uni<Integer> expire() {
        Instant now = Instant.now(clock);
        return pool.withTransaction(c -> c.preparedQuery("""
                        update payment_intent set status = 'EXPIRED', updated_at = $1
                        where status = 'PENDING' and expires_at <= $1""")
                .execute(Tuple.of(DbTimes.at(now)))
                .call(() -> c.preparedQuery("delete from idempotency_key where status = 0 and created_at < $1")
                        .execute(Tuple.of(DbTimes.at(now.minus(ABANDONED_CLAIM)))))
                .map(rows -> {
                    metrics.intents("expired", rows.rowCount());
                    return rows.rowCount();
                }));
    }

    private static IntentView view(Row r) {
        return new IntentView(r.getUUID("id"), r.getString("account_number"), r.getString("status"),
                r.getLong("amount_tiyn"), r.getString("currency"), Purpose.valueOf(r.getString("purpose")),
                r.getUUID("invoice_id"), r.getString("provider"), r.getString("provider_reference"),
                r.getString("checkout_url"), DbTimes.instant(r.getOffsetDateTime("created_at")),
                DbTimes.instant(r.getOffsetDateTime("expires_at")), r.getUUID("payment_id"));
    }
}
