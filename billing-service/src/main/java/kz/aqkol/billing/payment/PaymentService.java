package kz.aqkol.billing.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import kz.aqkol.billing.dunning.DunningService;
import kz.aqkol.billing.ledger.Db;
import kz.aqkol.billing.ledger.Ledger;
import kz.aqkol.platform.jobs.NotRunning;
import kz.aqkol.platform.problem.ProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Payments and wallet top-ups, exactly once per Idempotency-Key. In one database transaction: claim the key (its
 * primary key makes a concurrent duplicate wait for this transaction and then find the key taken), lock the
 * account, settle its open invoices oldest first, put the rest in the wallet, post one ledger transaction, and
 * store the response with the key. A later request with the key gets that response replayed byte for byte; with a
 * different body, 422. If the payment fails, the key is released with it.
 */
@ApplicationScoped
public class PaymentService {

    /** A response to send: the first one, or its replay. */
    public record Outcome(int status, String body, boolean replayed, UUID paymentId) {
    }

    private final Pool pool;
    private final DunningService dunning;
    private final ObjectMapper json;
    private final Clock clock;

    @ConfigProperty(name = "aqkol.billing.idempotency-retention", defaultValue = "P30D")
    Duration retention;

    PaymentService(Pool pool, DunningService dunning, ObjectMapper json, Clock clock) {
        this.pool = pool;
        this.dunning = dunning;
        this.json = json;
        this.clock = clock;
    }

    public Uni<Outcome> pay(String scope, String key, String channel, String account, PaymentRequest request) {
        String hash = sha256(request.fingerprint(account));
        Instant now = Instant.now(clock);
        return pool.withTransaction(c -> c.preparedQuery("""
                        insert into idempotency_key (scope, key, request_hash, status, response, created_at)
                        values ($1, $2, $3, 0, '', $4) on conflict do nothing""")
                .execute(Tuple.of(scope, key, hash, Db.at(now)))
                .chain(claimed -> {
                    if (claimed.rowCount() == 1) {
                        return apply(c, channel, account, request, now).chain(view -> {
                            String body = write(view);
                            return c.preparedQuery("update idempotency_key set status = 201, response = $3"
                                            + " where scope = $1 and key = $2")
                                    .execute(Tuple.of(scope, key, body))
                                    .replaceWith(new Outcome(201, body, false, view.id()));
                        });
                    }
                    return c.preparedQuery("select request_hash, status, response from idempotency_key"
                                    + " where scope = $1 and key = $2")
                            .execute(Tuple.of(scope, key))
                            .map(rows -> {
                                Row first = rows.iterator().next();
                                if (!first.getString("request_hash").equals(hash)) {
                                    throw ProblemException.unprocessable("Idempotency-Key " + key
                                            + " was used with a different request");
                                }
                                return new Outcome(first.getInteger("status"), first.getString("response"), true,
                                        null);
                            });
                }));
    }

    private Uni<PaymentView> apply(SqlConnection c, String channel, String account, PaymentRequest request,
                                   Instant now) {
        long amount = request.amountTiyn();
        boolean toWallet = Boolean.TRUE.equals(request.toWallet());
        UUID id = UUID.randomUUID();
        return c.preparedQuery("select number from account where number = $1 for update").execute(Tuple.of(account))
                .chain(accounts -> {
                    if (accounts.size() == 0) {
                        throw ProblemException.notFound("account", account);
                    }
                    return toWallet ? Uni.createFrom().item(List.<PaymentView.Settled>of())
                            : settle(c, account, amount);
                })
                .chain(settled -> {
                    long toInvoices = settled.stream().mapToLong(PaymentView.Settled::amountTiyn).sum();
                    long rest = amount - toInvoices;
                    Ledger.Txn txn = new Ledger.Txn(UUID.randomUUID(), toWallet ? "TOP_UP" : "PAYMENT", account,
                            id.toString(), now, List.of(
                            Ledger.Entry.debit(Ledger.Account.CASH, Ledger.CASH_PARTY, amount),
                            Ledger.Entry.credit(Ledger.Account.RECEIVABLE, account, toInvoices),
                            Ledger.Entry.credit(Ledger.Account.WALLET, account, rest)));
                    return c.preparedQuery("""
                                    insert into payment (id, account_number, amount_tiyn, to_invoices_tiyn,
                                        to_wallet_tiyn, kind, channel, provider_reference, received_at)
                                    values ($1, $2, $3, $4, $5, $6, $7, $8, $9)""")
                            .execute(Tuple.from(java.util.Arrays.asList(id, account, amount, toInvoices, rest,
                                    toWallet ? "TOP_UP" : "PAYMENT", channel, request.providerReference(),
                                    Db.at(now))))
                            .chain(() -> Ledger.post(c, txn))
                            .chain(() -> dunning.release(c, account))
                            .chain(status -> Ledger.wallet(c, account)
                                    .chain(wallet -> Ledger.balance(c, Ledger.Account.RECEIVABLE, account)
                                            .map(owed -> new PaymentView(id, account, toWallet ? "TOP_UP" : "PAYMENT",
                                                    amount, "KZT", toInvoices, rest, settled, wallet, owed, status,
                                                    request.providerReference(), now, txn.id()))));
                });
    }

    /** A payment as listed to its payer. */
    public record Received(UUID id, String kind, long amountTiyn, long toInvoicesTiyn, long toWalletTiyn,
                           String channel, String providerReference, Instant receivedAt) {
    }

    /** The account's payments, newest first; {@code after}: the last id of the previous page. */
    public Uni<List<Received>> list(String account, UUID after, int rows) {
        var query = after == null
                ? pool.preparedQuery("select * from payment where account_number = $1"
                        + " order by received_at desc, id desc limit $2").execute(Tuple.of(account, rows))
                : pool.preparedQuery("select * from payment where account_number = $1 and (received_at, id) <"
                        + " (select received_at, id from payment where id = $2 and account_number = $1)"
                        + " order by received_at desc, id desc limit $3").execute(Tuple.of(account, after, rows));
        return query.map(result -> {
            List<Received> list = new ArrayList<>();
            result.forEach(r -> list.add(new Received(r.getUUID("id"), r.getString("kind"), r.getLong("amount_tiyn"),
                    r.getLong("to_invoices_tiyn"), r.getLong("to_wallet_tiyn"), r.getString("channel"),
                    r.getString("provider_reference"), Db.instant(r.getOffsetDateTime("received_at")))));
            return list;
        });
    }

    /** Applies up to {@code amount} to the open invoices, oldest due first. */
    private Uni<List<PaymentView.Settled>> settle(SqlConnection c, String account, long amount) {
        return c.preparedQuery("""
                        select id, total_tiyn - settled_tiyn as open from invoice
                        where account_number = $1 and kind <> 'CREDIT_NOTE' and settled_tiyn < total_tiyn
                        order by due_date, issued_at, id""")
                .execute(Tuple.of(account))
                .chain(rows -> {
                    List<PaymentView.Settled> settled = new ArrayList<>();
                    long left = amount;
                    for (Row row : rows) {
                        if (left == 0) {
                            break;
                        }
                        long part = Math.min(left, row.getLong("open"));
                        settled.add(new PaymentView.Settled(row.getUUID("id"), part));
                        left -= part;
                    }
                    return settleInvoices(c, settled).replaceWith(settled);
                });
    }

    /** Adds each amount to its invoice's settled total. */
    public static Uni<Void> settleInvoices(SqlConnection c, List<PaymentView.Settled> settled) {
        if (settled.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("""
                        update invoice set settled_tiyn = settled_tiyn + u.amount
                        from unnest($1::uuid[], $2::bigint[]) as u(id, amount) where invoice.id = u.id""")
                .execute(Tuple.of(settled.stream().map(PaymentView.Settled::invoiceId).toArray(UUID[]::new),
                        settled.stream().map(PaymentView.Settled::amountTiyn).toArray(Long[]::new)))
                .replaceWithVoid();
    }

    /**
     * Keys are kept {@code aqkol.billing.idempotency-retention} (30 days by default): a provider retrying later
     * than that is treated as a new payment, as with Stripe's 24 hours.
     */
    @Scheduled(every = "1h", delayed = "5m", skipExecutionIf = NotRunning.class)
    Uni<Void> forgetOldKeys() {
        return pool.preparedQuery("delete from idempotency_key where created_at < $1")
                .execute(Tuple.of(Db.at(Instant.now(clock).minus(retention))))
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
