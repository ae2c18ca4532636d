package kz.aqkol.billing.ledger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.platform.time.DbTimes;

/**
 * Posts balanced transactions to the double-entry ledger, inside the caller's database transaction. Debits are
 * positive, credits negative; every transaction sums to zero (checked here, and again by the database at commit).
 * {@code (kind, reference)} is unique, so the same business event can never be posted twice.
 */
public final class Ledger {

    /**
     * RECEIVABLE, WALLET, ADJUSTMENT (credited or charged by hand) and BAD_DEBT (written off) are kept per resident
     * account, REVENUE per utility, CASH as one.
     */
    public enum Account { RECEIVABLE, REVENUE, CASH, WALLET, ADJUSTMENT, BAD_DEBT }

    public static final String CASH_PARTY = "-";

    /** One line: debit if positive, credit if negative. */
    public record Entry(Account account, String party, long amountTiyn) {
        public static Entry debit(Account account, String party, long amount) {
            return new Entry(account, party, amount);
        }

        public static Entry credit(Account account, String party, long amount) {
            return new Entry(account, party, -amount);
        }
    }

    public record Txn(UUID id, String kind, String accountNumber, String reference, Instant at, List<Entry> entries) {

        public Txn {
            entries = entries.stream().filter(e -> e.amountTiyn() != 0).toList();
            long sum = entries.stream().mapToLong(Entry::amountTiyn).sum();
            if (sum != 0) {
                throw new IllegalStateException("transaction " + kind + "/" + reference + " does not balance: " + sum);
            }
        }
    }

    private static final String TXNS = """
            insert into ledger_txn (id, kind, account_number, reference, created_at)
            select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])""";
    private static final String ENTRIES = """
            insert into ledger_entry (txn_id, ledger_account, party, amount_tiyn)
            select * from unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[])""";

    private Ledger() {
    }

    /** Posts the transactions that have entries (an all-zero transaction is not posted). */
    public static Uni<Void> post(SqlConnection connection, List<Txn> txns) {
        List<Txn> real = txns.stream().filter(t -> !t.entries().isEmpty()).toList();
        if (real.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = real.size();
        UUID[] ids = new UUID[n];
        String[] kinds = new String[n];
        String[] accounts = new String[n];
        String[] references = new String[n];
        OffsetDateTime[] ats = new OffsetDateTime[n];
        List<UUID> entryTxn = new ArrayList<>();
        List<String> entryAccount = new ArrayList<>();
        List<String> entryParty = new ArrayList<>();
        List<Long> entryAmount = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Txn t = real.get(i);
            ids[i] = t.id();
            kinds[i] = t.kind();
            accounts[i] = t.accountNumber();
            references[i] = t.reference();
            ats[i] = DbTimes.at(t.at());
            for (Entry e : t.entries()) {
                entryTxn.add(t.id());
                entryAccount.add(e.account().name());
                entryParty.add(e.party());
                entryAmount.add(e.amountTiyn());
            }
        }
        return connection.preparedQuery(TXNS).execute(Tuple.of(ids, kinds, accounts, references, ats))
                .chain(() -> connection.preparedQuery(ENTRIES).execute(Tuple.of(entryTxn.toArray(UUID[]::new),
                        entryAccount.toArray(String[]::new), entryParty.toArray(String[]::new),
                        entryAmount.toArray(Long[]::new))))
                .replaceWithVoid();
    }

    public static Uni<Void> post(SqlConnection connection, Txn txn) {
        return post(connection, List.of(txn));
    }

    /** The balance (debits minus credits) of one ledger account, derived from its entries. */
    public static Uni<Long> balance(SqlConnection connection, Account account, String party) {
        return connection.preparedQuery("""
                        select coalesce(sum(amount_tiyn), 0) as balance from ledger_entry
                        where ledger_account = $1 and party = $2""")
                .execute(Tuple.of(account.name(), party))
                .map(rows -> rows.iterator().next().getLong("balance"));
    }

    /** Balances of one kind of ledger account for many parties (absent: zero). */
    public static Uni<Map<String, Long>> balances(SqlConnection connection, Account account, List<String> parties) {
        return connection.preparedQuery("""
                        select party, sum(amount_tiyn) as balance from ledger_entry
                        where ledger_account = $1 and party = any($2) group by party""")
                .execute(Tuple.of(account.name(), parties.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Long> balances = new HashMap<>();
                    rows.forEach(row -> balances.put(row.getString("party"), row.getLong("balance")));
                    return balances;
                });
    }

    /** What a wallet holds for the resident (a liability has a credit balance, shown positive). */
    public static Uni<Long> wallet(SqlConnection connection, String accountNumber) {
        return balance(connection, Account.WALLET, accountNumber).map(b -> -b);
    }
}
