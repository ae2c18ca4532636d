package kz.aqkol.billing.run;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import kz.aqkol.billing.account.AccountStore;
import kz.aqkol.billing.account.SocialCategory;
import kz.aqkol.billing.config.BillingConfig;

/**
 * The accounts of a run, batch by batch, with their consumption: pages through the named accounts (in their order)
 * or every account not CLOSED (by number), finds each batch's meters and whether the period is invoiced already,
 * and asks metering-service for the rest in bulk (at most {@value #MAX_METERS_PER_QUERY} meters a query), account
 * by account if the bulk query fails. An account whose consumption cannot be had comes back PENDING with why.
 */
@ApplicationScoped
class ConsumptionFetch {

    static final int MAX_METERS_PER_QUERY = 1000;

    private final Pool pool;
    private final AccountStore accounts;
    private final Metering metering;
    private final BillingConfig config;

    ConsumptionFetch(Pool pool, AccountStore accounts, Metering metering, BillingConfig config) {
        this.pool = pool;
        this.accounts = accounts;
        this.metering = metering;
        this.config = config;
    }

    /** An account as the batch query finds it: its meters, and the period's invoice if there is one. */
    private record Candidate(String number, SocialCategory category, List<String> meters, UUID invoiced) {
        static Candidate of(Row row) {
            return new Candidate(row.getString("number"), SocialCategory.valueOf(row.getString("social_category")),
                    List.of(row.getArrayOfStrings("meters")), row.getUUID("invoiced"));
        }
    }

    /** Hands each batch of the run's accounts ({@code accounts} null: all) to {@code bill}, one after the other. */
    Uni<Void> inBatches(BillRun run, List<String> accounts, Function<List<Fetched>, Uni<Void>> bill) {
        return accounts != null ? named(run, accounts, 0, bill) : everyone(run, "", bill);
    }

    private Uni<Void> named(BillRun run, List<String> accounts, int from, Function<List<Fetched>, Uni<Void>> bill) {
        if (from >= accounts.size()) {
            return Uni.createFrom().voidItem();
        }
        int to = Math.min(accounts.size(), from + config.billRunBatch());
        return batch(run, accounts.subList(from, to)).chain(bill::apply).chain(() -> named(run, accounts, to, bill));
    }

    private Uni<Void> everyone(BillRun run, String after, Function<List<Fetched>, Uni<Void>> bill) {
        return accounts.billableAfter(pool, after, config.billRunBatch())
                .chain(numbers -> {
                    if (numbers.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return batch(run, numbers).chain(bill::apply).chain(() -> numbers.size() < config.billRunBatch()
                            ? Uni.createFrom().voidItem() : everyone(run, numbers.get(numbers.size() - 1), bill));
                });
    }

    /** The batch's accounts that exist, by number, each decided or with its consumption. */
    private Uni<List<Fetched>> batch(BillRun run, List<String> numbers) {
        return pool.preparedQuery("""
                        select a.number, a.social_category,
                               coalesce(array_agg(m.meter_id order by m.meter_id)
                                        filter (where m.meter_id is not null), '{}') as meters,
                               (select i.id from invoice i where i.bill_key = a.number || $2) as invoiced
                        from account a left join account_meter m on m.account_number = a.number
                        where a.number = any($1) group by a.number order by a.number""")
                .execute(Tuple.of(numbers.toArray(String[]::new), "|" + run.period()))
                .chain(rows -> {
                    Map<String, Candidate> found = new LinkedHashMap<>();
                    rows.forEach(r -> found.put(r.getString("number"), Candidate.of(r)));
                    List<Candidate> toFetch = numbers.stream().map(found::get)
                            .filter(c -> c != null && c.invoiced() == null && !c.meters().isEmpty()).toList();
                    return consumption(run, toFetch).map(metered -> found.values().stream().map(c ->
                            c.invoiced() != null ? Fetched.done(new Item(c.number(), Outcome.ALREADY_INVOICED,
                                    c.invoiced(), null))
                                    : c.meters().isEmpty() ? Fetched.done(new Item(c.number(), Outcome.NO_METERS,
                                    null, null))
                                    : metered.get(c.number())).toList());
                });
    }

    /** Consumption for every candidate's meters, by account number. */
    private Uni<Map<String, Fetched>> consumption(BillRun run, List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Instant from = run.from().atStartOfDay(config.timeZone()).toInstant();
        Instant to = run.to().atStartOfDay(config.timeZone()).toInstant();
        return Multi.createFrom().iterable(chunks(candidates))
                .onItem().transformToUniAndConcatenate(part -> metering.periods(meters(part), from, to)
                        .map(periods -> assign(part, periods))
                        .onFailure().recoverWithUni(failure -> part.size() == 1
                                ? Uni.createFrom().item(List.of(unavailable(part.get(0), failure)))
                                : oneByOne(part, from, to)))
                .collect().<Map<String, Fetched>>in(HashMap::new, (all, part) -> part.forEach(f ->
                        // an account named twice in a run stays pending if any of its fetches failed
                        all.merge(f.account(), f, (earlier, later) -> earlier.item() != null ? earlier : later)));
    }

    /** Consecutive runs of candidates with at most {@link #MAX_METERS_PER_QUERY} meters together. */
    private static List<List<Candidate>> chunks(List<Candidate> candidates) {
        List<List<Candidate>> chunks = new ArrayList<>();
        List<Candidate> chunk = new ArrayList<>();
        int meters = 0;
        for (Candidate c : candidates) {
            if (meters + c.meters().size() > MAX_METERS_PER_QUERY && !chunk.isEmpty()) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                meters = 0;
            }
            chunk.add(c);
            meters += c.meters().size();
        }
        chunks.add(chunk);
        return chunks;
    }

    private static List<String> meters(List<Candidate> part) {
        return part.stream().flatMap(c -> c.meters().stream()).toList();
    }

    private Uni<List<Fetched>> oneByOne(List<Candidate> part, Instant from, Instant to) {
        return Multi.createFrom().iterable(part)
                .onItem().transformToUniAndConcatenate(c -> metering.periods(c.meters(), from, to)
                        .map(periods -> assign(List.of(c), periods).get(0))
                        .onFailure().recoverWithItem(failure -> unavailable(c, failure)))
                .collect().asList();
    }

    private static Fetched unavailable(Candidate c, Throwable failure) {
        String message = failure.getMessage();
        return Fetched.done(Item.pending(c.number(), "consumption unavailable from metering-service: "
                + failure.getClass().getSimpleName()
                + (message == null ? "" : " " + (message.length() > 200 ? message.substring(0, 200) : message))));
    }

    /** Each candidate with its meters' periods in meter order, or PENDING naming the first meter without one. */
    private static List<Fetched> assign(List<Candidate> part, List<MeterPeriod> periods) {
        Map<String, MeterPeriod> byMeter = new HashMap<>();
        periods.forEach(p -> byMeter.put(p.meterId(), p));
        List<Fetched> fetched = new ArrayList<>(part.size());
        for (Candidate c : part) {
            List<MeterPeriod> mine = new ArrayList<>(c.meters().size());
            String missing = null;
            for (String meter : c.meters()) {
                MeterPeriod p = byMeter.get(meter);
                if (p == null) {
                    missing = meter;
                    break;
                }
                mine.add(p);
            }
            fetched.add(missing != null
                    ? Fetched.done(Item.pending(c.number(), "metering-service knows no consumption for meter "
                    + missing))
                    : Fetched.metered(new Metered(c.number(), c.category(), List.copyOf(mine))));
        }
        return fetched;
    }
}
