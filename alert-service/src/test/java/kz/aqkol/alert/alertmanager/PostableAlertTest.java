package kz.aqkol.alert.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import kz.aqkol.alert.alert.Signal;
import org.junit.jupiter.api.Test;

/** Times are read as Alertmanager reads them: Go's zero time is unset. */
class PostableAlertTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration RESOLVE_TIMEOUT = Duration.ofMinutes(5);

    @Test
    void zeroStartsAndEndsFireNow() {
        Signal signal = alert(PostableAlert.GO_ZERO, PostableAlert.GO_ZERO).toSignal("prometheus", NOW,
                RESOLVE_TIMEOUT);

        assertThat(signal.resolved()).isFalse();
        assertThat(signal.occurredAt()).isEqualTo(NOW);
    }

    @Test
    void missingTimesFireNow() {
        Signal signal = alert(null, null).toSignal("prometheus", NOW, RESOLVE_TIMEOUT);

        assertThat(signal.resolved()).isFalse();
        assertThat(signal.occurredAt()).isEqualTo(NOW);
    }

    @Test
    void aPastEndWithAZeroStartResolvesAtThatEnd() {
        Instant ended = NOW.minusSeconds(60);
        Signal signal = alert(PostableAlert.GO_ZERO, ended).toSignal("prometheus", NOW, RESOLVE_TIMEOUT);

        assertThat(signal.resolved()).isTrue();
        assertThat(signal.occurredAt()).isEqualTo(ended);
    }

    @Test
    void aFutureEndFiresFromItsStart() {
        Instant started = NOW.minusSeconds(300);
        Signal signal = alert(started, NOW.plusSeconds(240)).toSignal("prometheus", NOW, RESOLVE_TIMEOUT);

        assertThat(signal.resolved()).isFalse();
        assertThat(signal.occurredAt()).isEqualTo(started);
    }

    private static PostableAlert alert(Instant startsAt, Instant endsAt) {
        return new PostableAlert(Map.of("alertname", "HighLoad"), Map.of(), startsAt, endsAt, null);
    }
}
