package kz.aqkol.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.Tuple;
import jakarta.persistence.TupleElement;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a native query hands back differs by column type and driver path; Rows reads each the same way. */
class RowsTest {

    private static final Instant AT = Instant.parse("2026-11-25T10:15:30.123456Z");
    private static final UUID ID = UUID.fromString("6d3c1a7e-51a1-4c57-9e0b-2f5d2b0f7a11");

    @Test
    void numbersOfAnyWidthAndSumsReadAsLongOrInt() {
        Tuple row = row(Map.of("count", 7L, "sum", new BigDecimal("12"), "days", (short) 30));
        assertThat(Rows.number(row, "count")).isEqualTo(7L);
        assertThat(Rows.number(row, "sum")).isEqualTo(12L);
        assertThat(Rows.integer(row, "days")).isEqualTo(30);
    }

    @Test
    void sqlNullStaysNull() {
        Map<String, Object> values = new HashMap<>();
        values.put("seq", null);
        values.put("at", null);
        values.put("id", null);
        values.put("name", null);
        values.put("flag", null);
        Tuple row = row(values);
        assertThat(Rows.number(row, "seq")).isNull();
        assertThat(Rows.instant(row, "at")).isNull();
        assertThat(Rows.uuid(row, "id")).isNull();
        assertThat(Rows.string(row, "name")).isNull();
        assertThat(Rows.bool(row, "flag")).isFalse();
    }

    @Test
    void timesAndIdsReadTheSameWhateverTheDriverGave() {
        Tuple row = row(Map.of("tz", AT.atOffset(ZoneOffset.ofHours(5)), "local",
                LocalDateTime.ofInstant(AT, ZoneOffset.UTC), "id", ID, "text_id", ID.toString(), "q",
                new BigDecimal("1.500000")));
        assertThat(Rows.instant(row, "tz")).isEqualTo(AT);
        assertThat(Rows.instant(row, "local")).isEqualTo(AT);
        assertThat(Rows.uuid(row, "id")).isEqualTo(ID);
        assertThat(Rows.uuid(row, "text_id")).isEqualTo(ID);
        assertThat(Rows.decimal(row, "q")).isEqualByComparingTo("1.5");
    }

    private static Tuple row(Map<String, Object> values) {
        return new Tuple() {
            @Override
            public <X> X get(TupleElement<X> element) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <X> X get(String alias, Class<X> type) {
                return type.cast(get(alias));
            }

            @Override
            public Object get(String alias) {
                if (!values.containsKey(alias)) {
                    throw new IllegalArgumentException("no column " + alias);
                }
                return values.get(alias);
            }

            @Override
            public <X> X get(int i, Class<X> type) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Object get(int i) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Object[] toArray() {
                return values.values().toArray();
            }

            @Override
            public List<TupleElement<?>> getElements() {
                return List.of();
            }
        };
    }
}
