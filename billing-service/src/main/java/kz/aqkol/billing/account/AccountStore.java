package kz.aqkol.billing.account;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.aqkol.contracts.AccountStatus;
import kz.aqkol.platform.db.Rows;
import kz.aqkol.platform.time.DbTimes;

/**
 * Every statement on {@code account}, named here, on the caller's connection: the
 * account API's reads and writes, and the row locks the money paths (payments, bill runs, dunning, corrections)
 * take before they touch the ledger in the same transaction.
 */
@ApplicationScoped
public class AccountStore {

    private static final String STANDING_COLUMNS = "number, status, dunning_stage, social_category, webhook_url,"
            + " auto_pay";
    private static final String ACCOUNT_COLUMNS = STANDING_COLUMNS + ", holder, address, zone, webhook_key,"
            + " created_at, (select coalesce(array_agg(m.meter_id order by m.meter_id), '{}') from meter_assignment m"
            + " where m.account_number = a.number and m.valid_to is null) as meters";
    private static final String FIND = "select " + ACCOUNT_COLUMNS + " from account a where number = $1";
    private static final String FIND_LOCKED = FIND + " for update";
    private static final String PAGE = "select " + ACCOUNT_COLUMNS + " from account a where number > $1"
            + " order by number limit $2";
    private static final String PAGE_IN_ZONE = "select " + ACCOUNT_COLUMNS + " from account a"
            + " where zone = $1 and number > $2 order by number limit $3";
    private static final String INSERT = """
            insert into account (number, holder, address, zone, social_category, webhook_url, webhook_key, auto_pay,
                                 status, created_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict (number) do nothing""";
    private static final String UPDATE = "update account set holder = $2, address = $3, zone = $4,"
            + " social_category = $5, webhook_url = $6, webhook_key = $7, auto_pay = $8 where number = $1";
    private static final String EXISTS = "select 1 from account where number = $1";
    private static final String STANDING_LOCKED = "select " + STANDING_COLUMNS + " from account where number = $1"
            + " for update";
    private static final String STANDINGS_LOCKED = "select " + STANDING_COLUMNS + " from account"
            + " where number = any($1) order by number for update";
    private static final String BILLABLE_AFTER = "select number from account where number > $1"
            + " and status <> 'CLOSED' order by number limit $2";
    private static final String DUN = "update account set dunning_stage = $2,"
            + " status = case when status = 'ACTIVE' then 'OVERDUE' else status end where number = $1";
    private static final String BLOCK = "update account set status = 'BLOCKED' where number = $1";
    private static final String REINSTATE = "update account set status = 'ACTIVE', dunning_stage = null"
            + " where number = $1";

    /** The account, or null. */
    public Uni<Account> find(SqlClient c, String number) {
        return c.preparedQuery(FIND).execute(Tuple.of(number)).map(rows -> Rows.first(rows, AccountStore::account));
    }

    /** The account with its row locked until the transaction ends, or null. */
    public Uni<Account> lock(SqlClient c, String number) {
        return c.preparedQuery(FIND_LOCKED).execute(Tuple.of(number))
                .map(rows -> Rows.first(rows, AccountStore::account));
    }

    /** Up to {@code rows} accounts after {@code after} in number order, of one zone if given. */
    public Uni<List<Account>> page(SqlClient c, String zone, String after, int rows) {
        String from = after == null ? "" : after;
        return (zone == null ? c.preparedQuery(PAGE).execute(Tuple.of(from, rows))
                : c.preparedQuery(PAGE_IN_ZONE).execute(Tuple.of(zone, from, rows)))
                .map(result -> Rows.map(result, AccountStore::account));
    }

    /** Inserts the account; false if the number is taken. */
    public Uni<Boolean> insert(SqlClient c, Account a) {
        return c.preparedQuery(INSERT).execute(Tuple.tuple(Arrays.asList(a.number(), a.holder(), a.address(),
                        a.zone(), a.socialCategory().name(), a.webhookUrl(), a.webhookKey(), a.autoPay(),
                        a.status().name(), DbTimes.at(a.createdAt()))))
                .map(inserted -> inserted.rowCount() > 0);
    }

    /** Writes the account's own fields back (its meters are metering-service's to change). */
    public Uni<Void> update(SqlClient c, Account a) {
        return c.preparedQuery(UPDATE).execute(Tuple.tuple(Arrays.asList(a.number(), a.holder(),
                a.address(), a.zone(), a.socialCategory().name(), a.webhookUrl(), a.webhookKey(), a.autoPay())))
                .replaceWithVoid();
    }

    public Uni<Boolean> exists(SqlClient c, String number) {
        return c.preparedQuery(EXISTS).execute(Tuple.of(number)).map(rows -> rows.size() > 0);
    }

    /** How the account stands, its row locked until the transaction ends; null if there is no such account. */
    public Uni<Standing> lockStanding(SqlClient c, String number) {
        return c.preparedQuery(STANDING_LOCKED).execute(Tuple.of(number))
                .map(rows -> Rows.first(rows, AccountStore::standing));
    }

    /** The standing of those accounts that exist, by number, their rows locked in number order. */
    public Uni<Map<String, Standing>> lockStandings(SqlClient c, List<String> numbers) {
        return c.preparedQuery(STANDINGS_LOCKED).execute(Tuple.of(numbers.toArray(String[]::new))).map(rows -> {
            Map<String, Standing> found = new LinkedHashMap<>();
            rows.forEach(row -> found.put(row.getString("number"), standing(row)));
            return found;
        });
    }

    /** Up to {@code rows} numbers of accounts not closed, after {@code after} in number order. */
    public Uni<List<String>> billableAfter(SqlClient c, String after, int rows) {
        return c.preparedQuery(BILLABLE_AFTER).execute(Tuple.of(after, rows))
                .map(result -> Rows.map(result, row -> row.getString("number")));
    }

    /** Dunning reached {@code stage}: an ACTIVE account becomes OVERDUE. */
    public Uni<Void> dun(SqlClient c, String number, String stage) {
        return c.preparedQuery(DUN).execute(Tuple.of(number, stage)).replaceWithVoid();
    }

    public Uni<Void> block(SqlClient c, String number) {
        return c.preparedQuery(BLOCK).execute(Tuple.of(number)).replaceWithVoid();
    }

    /** Arrears settled: ACTIVE again, out of dunning. */
    public Uni<Void> reinstate(SqlClient c, String number) {
        return c.preparedQuery(REINSTATE).execute(Tuple.of(number)).replaceWithVoid();
    }

    private static Standing standing(Row row) {
        return new Standing(row.getString("number"), AccountStatus.valueOf(row.getString("status")),
                row.getString("dunning_stage"), SocialCategory.valueOf(row.getString("social_category")),
                row.getString("webhook_url"), row.getBoolean("auto_pay"));
    }

    private static Account account(Row row) {
        return new Account(row.getString("number"), row.getString("holder"), row.getString("address"),
                row.getString("zone"), SocialCategory.valueOf(row.getString("social_category")),
                List.of(row.getArrayOfStrings("meters")), row.getString("webhook_url"), row.getString("webhook_key"),
                row.getBoolean("auto_pay"), AccountStatus.valueOf(row.getString("status")),
                row.getString("dunning_stage"), Rows.instant(row, "created_at"));
    }
}
