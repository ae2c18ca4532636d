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
        assertThat(signal.endsAt()).isEqualTo(NOW.plus(RESOLVE_TIMEOUT));
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
        assertThat(signal.endsAt()).as("a resolve, not a lapse").isNull();
    }

    @Test
    void aFutureEndFiresFromItsStart() {
        Instant started = NOW.minusSeconds(300);
        Signal signal = alert(started, NOW.plusSeconds(240)).toSignal("prometheus", NOW, RESOLVE_TIMEOUT);

        assertThat(signal.resolved()).isFalse();
        assertThat(signal.occurredAt()).isEqualTo(started);
        assertThat(signal.endsAt()).isEqualTo(NOW.plusSeconds(240));
    }

    @Test
    void theSameFiringResentWithALaterEndIsAnotherSignalButTheSameAlert() {
        Instant started = NOW.minusSeconds(300);
        Signal first = alert(started, NOW.plusSeconds(240)).toSignal("prometheus", NOW, RESOLVE_TIMEOUT);
        Signal again = alert(started, NOW.plusSeconds(240)).toSignal("prometheus", NOW, RESOLVE_TIMEOUT);
        Signal later = alert(started, NOW.plusSeconds(300)).toSignal("prometheus", NOW.plusSeconds(60),
                RESOLVE_TIMEOUT);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(later.id()).isNotEqualTo(first.id());
        assertThat(later.fingerprint()).isEqualTo(first.fingerprint());
    }

    private static PostableAlert alert(Instant startsAt, Instant endsAt) {
        return new PostableAlert(Map.of("alertname", "HighLoad"), Map.of(), startsAt, endsAt, null);
    }
}
