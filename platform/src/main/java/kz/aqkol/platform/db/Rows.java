package kz.aqkol.platform.db;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.persistence.Tuple;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import kz.aqkol.platform.time.DbTimes;

/**
 * Rows read by column name, in one place: a reactive SQL client {@link Row} (the pool's stores) or a
 * {@link Tuple} from a Hibernate Reactive native query ({@code createNativeQuery(sql, Tuple.class)}, columns by
 * alias). Times go through {@link DbTimes}, numbers through {@link Number}, so no caller casts an {@code Object[]}.
 */
public final class Rows {

    private Rows() {
    }

    /** Every row of a result, mapped in order. */
    public static <T> List<T> map(RowSet<Row> rows, Function<Row, T> mapper) {
        List<T> mapped = new ArrayList<>(rows.size());
        for (Row row : rows) {
            mapped.add(mapper.apply(row));
        }
        return mapped;
    }

    /** The first row mapped, or null if there is none. */
    public static <T> T first(RowSet<Row> rows, Function<Row, T> mapper) {
        return rows.size() == 0 ? null : mapper.apply(rows.iterator().next());
    }

    /** A {@code timestamptz} or {@code timestamp} column as an instant; null for SQL NULL. */
    public static Instant instant(Row row, String column) {
        return DbTimes.instant(row.getValue(column));
    }

    public static Instant instant(Tuple row, String alias) {
        return DbTimes.instant(row.get(alias));
    }

    public static String string(Tuple row, String alias) {
        Object value = row.get(alias);
        return value == null ? null : value.toString();
    }

    public static int integer(Tuple row, String alias) {
        return ((Number) row.get(alias)).intValue();
    }

    /** A number column that may be NULL. */
    public static Long number(Tuple row, String alias) {
        Object value = row.get(alias);
        return value == null ? null : ((Number) value).longValue();
    }

    public static byte[] bytes(Tuple row, String alias) {
        return (byte[]) row.get(alias);
    }

    public static BigDecimal decimal(Tuple row, String alias) {
        Object value = row.get(alias);
        return value == null ? null : value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
    }

    public static UUID uuid(Tuple row, String alias) {
        Object value = row.get(alias);
        return value == null ? null : value instanceof UUID id ? id : UUID.fromString(value.toString());
    }

    public static boolean bool(Tuple row, String alias) {
        return Boolean.TRUE.equals(row.get(alias));
    }
}
