package kz.aqkol.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant CREATED = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void pausesDoubleFromTheFirstUpToTheLongest() {
        RetryPolicy policy = RetryPolicy.untilOlderThan(Duration.ofSeconds(1), Duration.ofMinutes(5),
                Duration.ofDays(3));
        assertThat(policy.pauseAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.pauseAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.pauseAfter(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.pauseAfter(9)).isEqualTo(Duration.ofSeconds(256));
        assertThat(policy.pauseAfter(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.pauseAfter(1_000)).as("no overflow however many attempts").isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aPolicyByAttemptsGivesUpAtItsLastAttemptHoweverYoung() {
        RetryPolicy policy = RetryPolicy.forAttempts(Duration.ofSeconds(5), Duration.ofHours(1), 10);
        assertThat(policy.pauseAfter(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.pauseAfter(9)).isEqualTo(Duration.ofSeconds(1280));
        Instant now = CREATED.plusSeconds(60);
        assertThat(policy.judge(false, 9, CREATED, now)).isEqualTo(new Verdict(Verdict.State.RETRY,
                now.plusSeconds(1280)));
        assertThat(policy.judge(false, 10, CREATED, now).state()).isEqualTo(Verdict.State.GAVE_UP);
        assertThat(policy.judge(false, 1, CREATED, CREATED.plus(Duration.ofDays(3650))).state())
                .as("age alone does not give up").isEqualTo(Verdict.State.RETRY);
    }

    @Test
    void aPolicyByAgeGivesUpOnceTheWebhookIsOlderThanItsLimitHoweverFewItsAttempts() {
        RetryPolicy policy = RetryPolicy.untilOlderThan(Duration.ofSeconds(1), Duration.ofMinutes(5),
                Duration.ofDays(3));
        Instant limit = CREATED.plus(Duration.ofDays(3));
        assertThat(policy.judge(false, 1, CREATED, limit)).isEqualTo(new Verdict(Verdict.State.RETRY,
                limit.plusSeconds(1)));
        assertThat(policy.judge(false, 1, CREATED, limit.plusMillis(1)).state()).isEqualTo(Verdict.State.GAVE_UP);
        assertThat(policy.judge(false, 100_000, CREATED, CREATED.plusSeconds(1)).state())
                .isEqualTo(Verdict.State.RETRY);
    }

    @Test
    void aDeliveredWebhookIsDeliveredEvenPastItsLimits() {
        RetryPolicy policy = RetryPolicy.forAttempts(Duration.ofSeconds(5), Duration.ofHours(1), 3);
        assertThat(policy.judge(true, 3, CREATED, CREATED.plusSeconds(30)))
                .isEqualTo(new Verdict(Verdict.State.DELIVERED, null));
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> RetryPolicy.forAttempts(Duration.ZERO, Duration.ofHours(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.forAttempts(Duration.ofMinutes(2), Duration.ofMinutes(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.forAttempts(Duration.ofSeconds(1), Duration.ofMinutes(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
