package kz.aqkol.camera.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import kz.aqkol.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class TransparencyRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void aPeriodIsAWholeClosedCalendarMonth() {
        ReportPeriod october = ReportPeriod.parse("2026-10", NOW);

        assertThat(october.from()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
        assertThat(october.to()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(ReportPeriod.parse(null, NOW)).isEqualTo(october);
        assertThat(ReportPeriod.parse(" ", NOW).name()).isEqualTo("2026-10");
        for (String refused : new String[] {"2026-11", "2027-01", "2026-10-01", "2026-W43", "october"}) {
            assertThatThrownBy(() -> ReportPeriod.parse(refused, NOW)).isInstanceOf(ProblemException.class)
                    .hasMessageStartingWith("period ");
        }
    }

    @Test
    void aClientMayAskLimitTimesPerWindowThenWaitsUntilItsWindowEnds() {
        RateLimiter limiter = new RateLimiter(3, Duration.ofMinutes(1), 100);

        assertThat(limiter.acquire("10.0.0.1", NOW)).isNull();
        assertThat(limiter.acquire("10.0.0.1", NOW.plusSeconds(10))).isNull();
        assertThat(limiter.acquire("10.0.0.1", NOW.plusSeconds(20))).isNull();
        assertThat(limiter.acquire("10.0.0.1", NOW.plusSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        assertThat(limiter.acquire("10.0.0.2", NOW.plusSeconds(30))).as("another address").isNull();
        assertThat(limiter.acquire("10.0.0.1", NOW.plusSeconds(60))).as("a new window").isNull();
    }

    @Test
    void aClockSetBackStartsANewWindowRatherThanALongWait() {
        RateLimiter limiter = new RateLimiter(1, Duration.ofMinutes(1), 100);
        limiter.acquire("10.0.0.1", NOW.plus(Duration.ofDays(40)));

        assertThat(limiter.acquire("10.0.0.1", NOW)).isNull();
        assertThat(limiter.acquire("10.0.0.1", NOW.plusSeconds(1))).isEqualTo(Duration.ofSeconds(59));
    }

    @Test
    void pastMaxClientsANewClientWaitsUntilAWindowEnds() {
        RateLimiter limiter = new RateLimiter(3, Duration.ofMinutes(1), 2);
        limiter.acquire("a", NOW);
        limiter.acquire("b", NOW);

        assertThat(limiter.acquire("c", NOW.plusSeconds(1))).isEqualTo(Duration.ofMinutes(1));
        assertThat(limiter.acquire("a", NOW.plusSeconds(1))).as("a known client still counts").isNull();
        assertThat(limiter.acquire("c", NOW.plusSeconds(61))).as("ended windows are forgotten").isNull();
    }
}
