package kz.aqkol.platform.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DbTimesTest {

    private static final Instant AT = Instant.parse("2026-11-25T10:15:30.123456Z");

    @Test
    void nullIsNull() {
        assertThat(DbTimes.instant(null)).isNull();
        assertThat(DbTimes.at(null)).isNull();
    }

    @Test
    void anInstantIsItself() {
        assertThat(DbTimes.instant(AT)).isEqualTo(AT);
    }

    @Test
    void anOffsetDateTimeInAnyOffsetIsTheSameInstant() {
        assertThat(DbTimes.instant(AT.atOffset(ZoneOffset.UTC))).isEqualTo(AT);
        assertThat(DbTimes.instant(AT.atOffset(ZoneOffset.ofHours(5)))).isEqualTo(AT);
    }

    @Test
    void aSqlTimestampKeepsItsMicroseconds() {
        assertThat(DbTimes.instant(Timestamp.from(AT))).isEqualTo(AT);
    }

    @Test
    void aLocalDateTimeIsReadAsUtc() {
        assertThat(DbTimes.instant(LocalDateTime.of(2026, 11, 25, 10, 15, 30, 123_456_000))).isEqualTo(AT);
    }

    @Test
    void anythingElseIsRefusedByType() {
        assertThatThrownBy(() -> DbTimes.instant("2026-11-25T10:15:30Z"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("java.lang.String");
    }

    @Test
    void atBindsInUtcAndRoundTrips() {
        OffsetDateTime bound = DbTimes.at(AT);
        assertThat(bound.getOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(DbTimes.instant(bound)).isEqualTo(AT);
    }
}
