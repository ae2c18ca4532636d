package kz.aqkol.billing.tariff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import kz.aqkol.billing.account.SocialCategory;
import kz.aqkol.platform.json.JsonText;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.time.DbTimes;

/** Tariff versions: appended, never changed (the table's trigger refuses updates and deletes). */
@ApplicationScoped
public class TariffStore {

    private static final TypeReference<List<Tariff.Block>> BLOCKS = new TypeReference<>() {
    };
    private static final TypeReference<Map<SocialCategory, Integer>> DISCOUNTS = new TypeReference<>() {
    };

    private final Pool pool;
    private final ObjectMapper json;
    private final Clock clock;

    TariffStore(Pool pool, ObjectMapper json, Clock clock) {
        this.pool = pool;
        this.json = json;
        this.clock = clock;
    }

    public Uni<List<Tariff>> all(Utility utility) {
        return pool.withConnection(c -> all(c, utility));
    }

    public Uni<List<Tariff>> all(SqlConnection connection, Utility utility) {
        return connection.preparedQuery("select * from tariff where $1::text is null or utility = $1"
                        + " order by utility, effective_from, version")
                .execute(Tuple.of(utility == null ? null : utility.name()))
                .map(rows -> {
                    List<Tariff> tariffs = new ArrayList<>();
                    rows.forEach(row -> tariffs.add(tariff(row)));
                    return tariffs;
                });
    }

    public Uni<Tariff> find(long id) {
        return pool.preparedQuery("select * from tariff where id = $1").execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("tariff", id);
                    }
                    return tariff(rows.iterator().next());
                });
    }

    /** Adds a version; its number is one more than the utility's latest (serialised per utility). */
    public Uni<Tariff> add(TariffRequest request, String author) {
        List<Tariff.Block> blocks = request.blocks().stream()
                .map(b -> new Tariff.Block(b.upTo(), b.priceTiyn())).toList();
        for (int i = 0; i < blocks.size(); i++) {
            Tariff.Block b = blocks.get(i);
            boolean last = i == blocks.size() - 1;
            if (last != (b.upTo() == null)) {
                throw ProblemException.invalid("blocks[" + i + "].upTo",
                        last ? "the last block has no limit" : "must be set on every block but the last");
            }
            if (i > 0 && !last && b.upTo().compareTo(blocks.get(i - 1).upTo()) <= 0) {
                throw ProblemException.invalid("blocks[" + i + "].upTo", "limits must increase");
            }
        }
        Map<SocialCategory, Integer> discounts = new EnumMap<>(SocialCategory.class);
        if (request.discounts() != null) {
            discounts.putAll(request.discounts());
        }
        return pool.withTransaction(c -> c.preparedQuery("select pg_advisory_xact_lock(hashtext($1))")
                .execute(Tuple.of("tariff:" + request.utility()))
                .chain(() -> c.preparedQuery("""
                                insert into tariff (utility, version, effective_from, unit, standing_charge_tiyn,
                                    blocks, discounts, created_by, reason, created_at)
                                select $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9
                                from tariff where utility = $1
                                returning *""")
                        .execute(Tuple.from(List.of(request.utility().name(), request.effectiveFrom(),
                                request.unit(), request.standingChargeTiyn(), JsonText.write(json, blocks),
                                JsonText.write(json, discounts), author,
                                request.reason(), DbTimes.at(Instant.now(clock))))))
                .map(rows -> tariff(rows.iterator().next())));
    }

    private Tariff tariff(Row row) {
        try {
            return new Tariff(row.getLong("id"), Utility.valueOf(row.getString("utility")),
                    row.getInteger("version"), row.getLocalDate("effective_from"), row.getString("unit"),
                    row.getLong("standing_charge_tiyn"),
                    json.readValue(row.getValue("blocks").toString(), BLOCKS),
                    json.readValue(row.getValue("discounts").toString(), DISCOUNTS),
                    row.getString("created_by"), row.getString("reason"),
                    DbTimes.instant(row.getOffsetDateTime("created_at")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("tariff " + row.getLong("id") + " unreadable", e);
        }
    }
}
