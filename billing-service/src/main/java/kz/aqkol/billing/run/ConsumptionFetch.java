package kz.aqkol.billing.run;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import kz.aqkol.billing.account.AccountStore;
import kz.aqkol.billing.account.SocialCategory;
import kz.aqkol.billing.config.BillingConfig;
import kz.aqkol.platform.db.Rows;
import kz.aqkol.platform.time.DbTimes;

/**
 * The accounts of a run, batch by batch, with their consumption: pages through the named accounts (in their order)
 * or every account not CLOSED (by number), finds which meters each batch's accounts held during the period and over
 * which part of it (billing's projection of metering-service's meter histories: a meter moved mid-period is billed
 * to each account for its part), whether the period is invoiced already, and asks metering-service for the rest in
 * bulk: one query per distinct part of the period, at most {@value #MAX_METERS_PER_QUERY} meters each, account by
 * account if a bulk query fails. An account whose consumption cannot be had comes back PENDING with why.
 */
@ApplicationScoped
class ConsumptionFetch {

    static final int MAX_METERS_PER_QUERY = 1000;

    private static final String ACCOUNTS = """
            select a.number, a.social_category,
                   (select i.id from invoice i where i.bill_key = a.number || $2) as invoiced
            from account a where a.number = any($1) order by a.number""";
    /** The part of [$2, $3) each account held each meter, in meter and time order. */
    private static final String HELD = """
            select account_number, meter_id, greatest(valid_from, $2) as held_from,
                   least(coalesce(valid_to, 'infinity'), $3) as held_to
            from meter_assignment
            where account_number = any($1) and valid_from < $3 and (valid_to is null or valid_to > $2)
            order by account_number, meter_id, valid_from""";

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

    /** A meter over the part of the period an account held it. */
    private record Held(String meter, Instant from, Instant to) {
    }

    /** An account as the batch query finds it: what it held, and the period's invoice if there is one. */
    private record Candidate(String number, SocialCategory category, List<Held> held, UUID invoiced) {
    }

    /** One query to metering-service: meters over one part of the period, for some accounts. */
    private record Query(Instant from, Instant to, List<String> meters, Set<String> accounts) {
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
        Instant from = run.from().atStartOfDay(config.timeZone()).toInstant();
        Instant to = run.to().atStartOfDay(config.timeZone()).toInstant();
        String[] asked = numbers.toArray(String[]::new);
        return pool.preparedQuery(ACCOUNTS).execute(Tuple.of(asked, "|" + run.period()))
                .chain(rows -> pool.preparedQuery(HELD).execute(Tuple.of(asked, DbTimes.at(from), DbTimes.at(to)))
                        .map(held -> {
                            Map<String, List<Held>> byAccount = new HashMap<>();
                            held.forEach(h -> byAccount.computeIfAbsent(h.getString("account_number"),
                                    a -> new ArrayList<>()).add(new Held(h.getString("meter_id"),
                                    Rows.instant(h, "held_from"), Rows.instant(h, "held_to"))));
                            Map<String, Candidate> found = new LinkedHashMap<>();
                            rows.forEach(r -> found.put(r.getString("number"), new Candidate(r.getString("number"),
                                    SocialCategory.valueOf(r.getString("social_category")),
                                    byAccount.getOrDefault(r.getString("number"), List.of()),
                                    r.getUUID("invoiced"))));
                            return found;
                        }))
                .chain(found -> {
                    List<Candidate> toFetch = numbers.stream().map(found::get)
                            .filter(c -> c != null && c.invoiced() == null && !c.held().isEmpty()).toList();
                    return consumption(toFetch).map(metered -> found.values().stream().map(c ->
                            c.invoiced() != null ? Fetched.done(new Item(c.number(), Outcome.ALREADY_INVOICED,
                                    c.invoiced(), null))
                                    : c.held().isEmpty() ? Fetched.done(new Item(c.number(), Outcome.NO_METERS,
                                    null, null))
                                    : metered.get(c.number())).toList());
                });
    }

    /** Consumption for every candidate's meters, by account number. */
    private Uni<Map<String, Fetched>> consumption(List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Map<Held, MeterPeriod> answered = new HashMap<>();
        Map<String, String> failed = new HashMap<>();
        return Multi.createFrom().iterable(queries(candidates))
                .onItem().transformToUniAndConcatenate(query -> metering.periods(query.meters(), query.from(),
                                query.to())
                        .invoke(periods -> keep(query, periods, answered))
                        .replaceWithVoid()
                        .onFailure().recoverWithUni(failure -> query.accounts().size() == 1
                                ? Uni.createFrom().voidItem().invoke(() -> query.accounts()
                                .forEach(a -> failed.putIfAbsent(a, why(failure))))
                                : oneByOne(query, candidates, answered, failed)))
                .collect().last()
                .map(done -> {
                    Map<String, Fetched> fetched = new HashMap<>();
                    // an account named twice in a run is one candidate per batch; the first answer stands
                    for (Candidate c : candidates) {
                        fetched.putIfAbsent(c.number(), assemble(c, answered, failed.get(c.number())));
                    }
                    return fetched;
                });
    }

    /**
     * The queries for all candidates: their holdings grouped by part of the period (most are the whole period, so
     * one group), each group cut so no query names more than {@link #MAX_METERS_PER_QUERY} meters.
     */
    private static List<Query> queries(List<Candidate> candidates) {
        Map<List<Instant>, Map<String, Set<String>>> byPart = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            for (Held h : c.held()) {
                byPart.computeIfAbsent(List.of(h.from(), h.to()), p -> new LinkedHashMap<>())
                        .computeIfAbsent(h.meter(), m -> new HashSet<>()).add(c.number());
            }
        }
        List<Query> queries = new ArrayList<>();
        byPart.forEach((part, meters) -> {
            List<String> ids = List.copyOf(meters.keySet());
            for (int i = 0; i < ids.size(); i += MAX_METERS_PER_QUERY) {
                List<String> slice = ids.subList(i, Math.min(ids.size(), i + MAX_METERS_PER_QUERY));
                Set<String> owners = new HashSet<>();
                slice.forEach(m -> owners.addAll(meters.get(m)));
                queries.add(new Query(part.get(0), part.get(1), slice, owners));
            }
        });
        return queries;
    }

    /** A failed bulk query again, account by account, so one account's trouble leaves the others billed. */
    private Uni<Void> oneByOne(Query query, List<Candidate> candidates, Map<Held, MeterPeriod> answered,
                               Map<String, String> failed) {
        Set<String> meters = Set.copyOf(query.meters());
        return Multi.createFrom().iterable(candidates)
                .filter(c -> query.accounts().contains(c.number()))
                .onItem().transformToUniAndConcatenate(c -> {
                    List<String> mine = c.held().stream().filter(h -> h.from().equals(query.from())
                            && h.to().equals(query.to()) && meters.contains(h.meter())).map(Held::meter).toList();
                    Query own = new Query(query.from(), query.to(), mine, Set.of(c.number()));
                    return metering.periods(mine, query.from(), query.to())
                            .invoke(periods -> keep(own, periods, answered))
                            .replaceWithVoid()
                            .onFailure().recoverWithItem(failure -> {
                                failed.putIfAbsent(c.number(), why(failure));
                                return null;
                            });
                })
                .collect().last().replaceWithVoid();
    }

    private static void keep(Query query, List<MeterPeriod> periods, Map<Held, MeterPeriod> answered) {
        periods.forEach(p -> answered.put(new Held(p.meterId(), query.from(), query.to()), p));
    }

    private static String why(Throwable failure) {
        String message = failure.getMessage();
        return "consumption unavailable from metering-service: " + failure.getClass().getSimpleName()
                + (message == null ? "" : " " + (message.length() > 200 ? message.substring(0, 200) : message));
    }

    /** The candidate with a period for each thing it held, in meter and time order, or PENDING with why not. */
    private static Fetched assemble(Candidate c, Map<Held, MeterPeriod> answered, String failure) {
        if (failure != null) {
            return Fetched.done(Item.pending(c.number(), failure));
        }
        List<MeterPeriod> mine = new ArrayList<>(c.held().size());
        for (Held h : c.held()) {
            MeterPeriod p = answered.get(h);
            if (p == null) {
                return Fetched.done(Item.pending(c.number(), "metering-service knows no consumption for meter "
                        + h.meter()));
            }
            mine.add(p);
        }
        return Fetched.metered(new Metered(c.number(), c.category(), List.copyOf(mine)));
    }
}
