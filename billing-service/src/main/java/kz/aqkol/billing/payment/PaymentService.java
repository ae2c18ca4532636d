package kz.aqkol.billing.payment;

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
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import kz.aqkol.billing.account.AccountStore;
import kz.aqkol.billing.dunning.DunningService;
import kz.aqkol.billing.ledger.Ledger;
import kz.aqkol.platform.jobs.NotRunning;
import kz.aqkol.platform.json.JsonText;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.time.DbTimes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Money received: payments and wallet top-ups, recorded only when a payment provider confirmed them (an intent's
 * signed confirmation, see {@link IntentService}, or the provider's own call), and their refunds. A provider's own
 * report is exactly once per Idempotency-Key: in one database transaction the key is claimed, the payment recorded
 * and the response stored with the key; a later request with the key gets that response replayed byte for byte,
 * with a different body 422; if the payment fails, the key is released with it.
 */
@ApplicationScoped
public class PaymentService {

    /** A response to send: the first one, or its replay. */
    public record Outcome(int status, String body, boolean replayed, UUID paymentId) {
    }

    private final Pool pool;
    private final AccountStore accounts;
    private final DunningService dunning;
    private final ObjectMapper json;
    private final Clock clock;

    @ConfigProperty(name = "aqkol.billing.idempotency-retention", defaultValue = "P30D")
    Duration retention;

    PaymentService(Pool pool, AccountStore accounts, DunningService dunning, ObjectMapper json, Clock clock) {
        this.pool = pool;
        this.accounts = accounts;
        this.dunning = dunning;
        this.json = json;
        this.clock = clock;
    }

    /** Money received as {@link #receive} records it: for which account, how much, for what, through whom. */
    public record Receipt(String account, long amountTiyn, Purpose purpose, UUID invoiceId, String channel,
                          String providerReference) {
    }

    /** A payment the provider reports itself ({@code POST /payments}), exactly once per Idempotency-Key. */
    public Uni<Outcome> pay(String scope, String key, Receipt receipt, String fingerprint) {
        String hash = sha256(fingerprint);
        Instant now = Instant.now(clock);
        return pool.withTransaction(c -> IdempotencyKeys.claim(c, scope, key, hash, now)
                .chain(claimed -> !claimed ? IdempotencyKeys.replay(c, scope, key, hash)
                        : receive(c, receipt, now).chain(view -> {
                            String body = JsonText.write(json, view);
                            return IdempotencyKeys.complete(c, scope, key, 201, body)
                                    .replaceWith(new Outcome(201, body, false, view.id()));
                        })));
    }

    /**
     * Records money received, inside the caller's transaction: locks the account, settles what the receipt pays
     * (open invoices oldest due first, or one invoice), puts the rest in the wallet, posts one ledger transaction and
     * lets dunning release the account if its arrears are settled.
     */
    public Uni<PaymentView> receive(SqlConnection c, Receipt receipt, Instant now) {
        String account = receipt.account();
        long amount = receipt.amountTiyn();
        boolean toWallet = receipt.purpose() == Purpose.WALLET;
        String kind = toWallet ? "TOP_UP" : "PAYMENT";
        UUID id = UUID.randomUUID();
        return accounts.lockStanding(c, account)
                .chain(standing -> {
                    if (standing == null) {
                        throw ProblemException.notFound("account", account);
                    }
                    return once(c, receipt);
                })
                .chain(() -> toWallet ? Uni.createFrom().item(List.<PaymentView.Settled>of())
                        : settle(c, account, receipt.invoiceId(), amount))
                .chain(settled -> {
                    long toInvoices = settled.stream().mapToLong(PaymentView.Settled::amountTiyn).sum();
                    long rest = amount - toInvoices;
                    Ledger.Txn txn = new Ledger.Txn(UUID.randomUUID(), kind, account, id.toString(), now, List.of(
                            Ledger.Entry.debit(Ledger.Account.CASH, Ledger.CASH_PARTY, amount),
                            Ledger.Entry.credit(Ledger.Account.RECEIVABLE, account, toInvoices),
                            Ledger.Entry.credit(Ledger.Account.WALLET, account, rest)));
                    return c.preparedQuery("""
                                    insert into payment (id, account_number, amount_tiyn, to_invoices_tiyn,
                                        to_wallet_tiyn, kind, channel, provider_reference, received_at)
                                    values ($1, $2, $3, $4, $5, $6, $7, $8, $9)""")
                            .execute(Tuple.from(Arrays.asList(id, account, amount, toInvoices, rest, kind,
                                    receipt.channel(), receipt.providerReference(), DbTimes.at(now))))
                            .chain(() -> recordSettlements(c, id, settled))
                            .chain(() -> Ledger.post(c, txn))
                            .chain(() -> dunning.release(c, account))
                            .chain(status -> Ledger.wallet(c, account)
                                    .chain(wallet -> Ledger.balance(c, Ledger.Account.RECEIVABLE, account)
                                            .map(owed -> new PaymentView(id, account, kind, amount, "KZT",
                                                    toInvoices, rest, settled, wallet, owed, status,
                                                    receipt.providerReference(), now, txn.id()))));
                });
    }

    /**
     * A provider's reference names one payment, whichever way it arrives (its signed callback for an intent, or its
     * own report under a new Idempotency-Key): a second is refused with 409, and the unique index backs this up.
     */
    private static Uni<Void> once(SqlConnection c, Receipt receipt) {
        if (receipt.providerReference() == null) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("select id from payment where channel = $1 and provider_reference = $2")
                .execute(Tuple.of(receipt.channel(), receipt.providerReference()))
                .invoke(rows -> {
                    if (rows.size() > 0) {
                        throw ProblemException.conflict("provider reference " + receipt.providerReference()
                                + " is recorded already, as payment " + rows.iterator().next().getUUID("id"));
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Reverses a payment the provider refunded, inside the caller's transaction: the invoices it settled are open
     * again and its wallet part leaves the wallet, in one REFUND ledger transaction (D receivable, D wallet, C cash).
     * Refused (409) if the wallet no longer holds that part (auto-pay spent it): an operator must settle it by hand.
     */
    public Uni<Void> refund(SqlConnection c, UUID paymentId, Instant now) {
        return c.preparedQuery("""
                        select p.account_number, p.amount_tiyn, p.to_invoices_tiyn, p.to_wallet_tiyn, p.refunded_at
                        from payment p join account a on a.number = p.account_number
                        where p.id = $1 for update""")
                .execute(Tuple.of(paymentId))
                .chain(rows -> {
                    Row payment = rows.iterator().next();
                    String account = payment.getString("account_number");
                    long toWallet = payment.getLong("to_wallet_tiyn");
                    if (payment.getValue("refunded_at") != null) {
                        throw ProblemException.conflict("payment " + paymentId + " is refunded already");
                    }
                    return Ledger.wallet(c, account).chain(wallet -> {
                        if (wallet < toWallet) {
                            throw ProblemException.conflict("the wallet no longer holds the refunded payment's "
                                    + toWallet + " tiyn; an operator must settle the refund");
                        }
                        Ledger.Txn txn = new Ledger.Txn(UUID.randomUUID(), "REFUND", account, paymentId.toString(),
                                now, List.of(
                                Ledger.Entry.debit(Ledger.Account.RECEIVABLE, account,
                                        payment.getLong("to_invoices_tiyn")),
                                Ledger.Entry.debit(Ledger.Account.WALLET, account, toWallet),
                                Ledger.Entry.credit(Ledger.Account.CASH, Ledger.CASH_PARTY,
                                        payment.getLong("amount_tiyn"))));
                        return c.preparedQuery("""
                                        update invoice set settled_tiyn = settled_tiyn - s.amount_tiyn
                                        from payment_settlement s where s.payment_id = $1 and invoice.id = s.invoice_id""")
                                .execute(Tuple.of(paymentId))
                                .chain(() -> c.preparedQuery("update payment set refunded_at = $2 where id = $1")
                                        .execute(Tuple.of(paymentId, DbTimes.at(now))))
                                .chain(() -> Ledger.post(c, txn));
                    });
                });
    }

    private static Uni<Void> recordSettlements(SqlConnection c, UUID payment, List<PaymentView.Settled> settled) {
        if (settled.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("""
                        insert into payment_settlement (payment_id, invoice_id, amount_tiyn)
                        select $1, * from unnest($2::uuid[], $3::bigint[])""")
                .execute(Tuple.of(payment, settled.stream().map(PaymentView.Settled::invoiceId).toArray(UUID[]::new),
                        settled.stream().map(PaymentView.Settled::amountTiyn).toArray(Long[]::new)))
                .replaceWithVoid();
    }

    /** A payment as listed to its payer. */
    public record Received(UUID id, String kind, long amountTiyn, long toInvoicesTiyn, long toWalletTiyn,
                           String channel, String providerReference, Instant receivedAt, Instant refundedAt) {
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
                    r.getString("provider_reference"), DbTimes.instant(r.getOffsetDateTime("received_at")),
                    DbTimes.instant(r.getOffsetDateTime("refunded_at")))));
            return list;
        });
    }

    /** Applies up to {@code amount} to the open invoices oldest due first, or to the one invoice named. */
    private Uni<List<PaymentView.Settled>> settle(SqlConnection c, String account, UUID invoice, long amount) {
        return c.preparedQuery("""
                        select id, total_tiyn - settled_tiyn as open from invoice
                        where account_number = $1 and kind <> 'CREDIT_NOTE' and settled_tiyn < total_tiyn
                          and ($2::uuid is null or id = $2)
                        order by due_date, issued_at, id""")
                .execute(Tuple.of(account, invoice))
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

    /**
     * An auto-paying account's new supplementary invoice (from a correction or an adjustment) is paid from its
     * wallet, as far as the wallet reaches, in the caller's transaction.
     */
    public static Uni<Void> payFromWallet(SqlConnection c, String account, UUID invoice, long amount, Instant now) {
        return Ledger.wallet(c, account).chain(wallet -> {
            long paid = Math.min(wallet, amount);
            if (paid <= 0) {
                return Uni.createFrom().voidItem();
            }
            return settleInvoices(c, List.of(new PaymentView.Settled(invoice, paid)))
                    .chain(() -> Ledger.post(c, new Ledger.Txn(UUID.randomUUID(), "WALLET_DEBIT", account,
                            invoice.toString(), now, List.of(Ledger.Entry.debit(Ledger.Account.WALLET, account, paid),
                            Ledger.Entry.credit(Ledger.Account.RECEIVABLE, account, paid)))));
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
                .execute(Tuple.of(DbTimes.at(Instant.now(clock).minus(retention))))
                .replaceWithVoid()
                .onFailure().recoverWithNull();
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
