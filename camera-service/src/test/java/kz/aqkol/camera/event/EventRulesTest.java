package kz.aqkol.camera.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.util.UUID;
import kz.aqkol.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class EventRulesTest {

    @Test
    void restrictedHoursMayWrapPastMidnight() {
        LocalTime from = LocalTime.of(22, 0);
        LocalTime until = LocalTime.of(6, 0);
        assertThat(EventStore.within(LocalTime.of(23, 30), from, until)).isTrue();
        assertThat(EventStore.within(LocalTime.of(2, 0), from, until)).isTrue();
        assertThat(EventStore.within(LocalTime.of(22, 0), from, until)).isTrue();
        assertThat(EventStore.within(LocalTime.of(6, 0), from, until)).isFalse();
        assertThat(EventStore.within(LocalTime.NOON, from, until)).isFalse();
        assertThat(EventStore.within(LocalTime.of(9, 0), LocalTime.of(8, 0), LocalTime.of(17, 0))).isTrue();
        assertThat(EventStore.within(LocalTime.of(18, 0), LocalTime.of(8, 0), LocalTime.of(17, 0))).isFalse();
    }

    @Test
    void aCursorRoundTripsAndAForgedOneIsAProblemNamingAfter() {
        EventCursor cursor = new EventCursor(Instant.parse("2026-11-25T10:00:00.123456Z"), UUID.randomUUID());
        assertThat(EventCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(EventCursor.decode(null)).isNull();
        assertThatThrownBy(() -> EventCursor.decode("bm90IGEgY3Vyc29y"))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).errors().get(0).field()).isEqualTo("after"));
    }
}
