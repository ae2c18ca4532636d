package kz.aqkol.camera.event;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import kz.aqkol.contracts.DetectionType;
import kz.aqkol.platform.db.Rows;
import kz.aqkol.platform.time.DbTimes;

/**
 * Event searches on the reactive pool, a measured hot path ({@code SearchBenchIT}, docs/camera.md): one index range
 * scan per page, newest first, keyset-paginated on (occurredAt, id), and free to run beside the caller's audit
 * append, which a Hibernate session could not.
 */
@ApplicationScoped
class EventSearch {

    private static final String SELECT = "select id, camera_id, zone_id, type, occurred_at, confidence"
            + " from detection_event where true";
    private static final String BY_CAMERA = " and camera_id = $";
    private static final String BY_ZONE = " and zone_id = $";
    private static final String BY_TYPE = " and type = $";
    private static final String FROM = " and occurred_at >= $";
    private static final String TO = " and occurred_at < $";
    private static final String NEWEST_FIRST = " order by occurred_at desc, id desc limit ";

    private final Pool pool;

    EventSearch(Pool pool) {
        this.pool = pool;
    }

    /** Up to {@code rows} summaries matching the filter, newest first, after the cursor. */
    Uni<List<EventSummary>> find(EventQueries.Filter filter, EventCursor after, int rows) {
        Statement statement = statement(filter, after, rows);
        return pool.preparedQuery(statement.sql()).execute(Tuple.tuple(statement.params()))
                .map(result -> Rows.map(result, EventSearch::summary));
    }

    /** The search's SQL and its parameters (the partition pruning test explains it). */
    static Statement statement(EventQueries.Filter filter, EventCursor after, int rows) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder(SELECT);
        bind(sql, params, BY_CAMERA, filter.camera());
        bind(sql, params, BY_ZONE, filter.zone());
        bind(sql, params, BY_TYPE, filter.type() == null ? null : filter.type().name());
        bind(sql, params, FROM, DbTimes.at(filter.from()));
        bind(sql, params, TO, DbTimes.at(filter.to()));
        if (after != null) {
            params.add(DbTimes.at(after.occurredAt()));
            params.add(after.id());
            // the plain bound on occurred_at lets PostgreSQL skip the later months' partitions (it cannot prune on
            // the row comparison alone)
            sql.append(" and occurred_at <= $").append(params.size() - 1)
                    .append(" and (occurred_at, id) < ($").append(params.size() - 1).append(", $")
                    .append(params.size()).append(")");
        }
        sql.append(NEWEST_FIRST).append(rows);
        return new Statement(sql.toString(), params);
    }

    record Statement(String sql, List<Object> params) {
    }

    private static void bind(StringBuilder sql, List<Object> params, String condition, Object value) {
        if (value != null) {
            params.add(value);
            sql.append(condition).append(params.size());
        }
    }

    private static EventSummary summary(Row row) {
        return new EventSummary(row.getUUID("id"), row.getString("camera_id"), row.getString("zone_id"),
                DetectionType.valueOf(row.getString("type")), Rows.instant(row, "occurred_at"),
                row.getBigDecimal("confidence"));
    }
}
