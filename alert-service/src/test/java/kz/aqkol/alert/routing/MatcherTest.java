package kz.aqkol.alert.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatcherTest {

    @Test
    void aRegularExpressionMatchesTheWholeValueAsAlertmanagerDoes() {
        Matcher fire = Matcher.parse("type=~FIRE|SMOKE");
        assertThat(fire.matches(Map.of("type", "SMOKE"))).isTrue();
        assertThat(fire.matches(Map.of("type", "FIREWORKS"))).isFalse();
        assertThat(Matcher.parse("zone!~north.*").matches(Map.of("zone", "south"))).isTrue();
    }

    @Test
    void aCatastrophicallyBacktrackingPatternRunsInLinearTime() {
        // java.util.regex needs longer than the age of the universe for this; RE2/J a few milliseconds
        Matcher evil = Matcher.parse("subject=~(a+)+$b");
        Map<String, String> labels = Map.of("subject", "a".repeat(10_000) + "!");

        long started = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            assertThat(evil.matches(labels)).isFalse();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void nestedCountedRepetitionsThatWouldCompileToAHugeProgramAreRefused() {
        assertThatThrownBy(() -> Matcher.parse("subject=~(a{1000}){1000}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("repeats more than 1000 times in all");
        assertThatThrownBy(() -> Matcher.parse("subject=~((a{10}){10}){11}"))
                .hasMessageContaining("repeats more than 1000 times in all");
        assertThatThrownBy(() -> Matcher.parse("subject=~a{2,99999999999}"))
                .hasMessageContaining("repeats more than 1000 times in all");
        assertThat(Matcher.parse("subject=~G-[0-9]{6}").matches(Map.of("subject", "G-000123"))).isTrue();
    }

    @Test
    void overlongAndInvalidPatternsAreRefusedNamingTheMatcher() {
        assertThatThrownBy(() -> Matcher.parse("zone=~" + "a".repeat(1_001)))
                .hasMessage("matcher zone has a regular expression of 1001 characters, more than the 1000 allowed");
        assertThatThrownBy(() -> Matcher.parse("zone=~(north")).hasMessageStartingWith(
                "matcher zone has an invalid regular expression");
        assertThatThrownBy(() -> Matcher.parse("zone=~(a)\\1"))
                .as("backreferences cannot run in linear time, so RE2 has none")
                .hasMessageStartingWith("matcher zone has an invalid regular expression");
    }
}
