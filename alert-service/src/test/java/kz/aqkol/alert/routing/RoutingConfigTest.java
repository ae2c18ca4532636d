package kz.aqkol.alert.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingConfigTest {

    private static final Route GAS_LEAKS = new Route("gas-leaks", "gas-team", List.of(Matcher.parse("type=LEAK"),
            Matcher.parse("utility=GAS")), false, List.of("zone"), "10s", null, null, null, null);
    private static final Route METERING = new Route("metering", "metering-team",
            List.of(Matcher.parse("source=metering-service")), true, null, null, null, null, null,
            List.of(GAS_LEAKS));
    private static final Route FIRE = new Route("fire", "fire-brigade", List.of(Matcher.parse("type=~FIRE|SMOKE")),
            false, null, "0s", null, null, null, null);
    private static final RoutingConfig CONFIG = new RoutingConfig(new Route("root", "duty", null, false,
            List.of("source", "type"), null, null, "2h", null, List.of(METERING, FIRE)),
            List.of(new InhibitRule(List.of(Matcher.parse("type=OFFLINE")), List.of(Matcher.parse("type=TAMPER")),
                    List.of("subject"))));

    @Test
    void theDeepestMatchingRouteTakesAnAlertWithTheSettingsItInherits() {
        List<RoutingConfig.Match> matches = CONFIG.route(Map.of("source", "metering-service", "type", "LEAK",
                "utility", "GAS", "zone", "north"));

        assertThat(matches).hasSize(1);
        RoutingConfig.Match match = matches.get(0);
        assertThat(match.route()).isEqualTo("gas-leaks");
        assertThat(match.receiver()).isEqualTo("gas-team");
        assertThat(match.groupWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(match.repeatInterval()).as("inherited from the root").isEqualTo(Duration.ofHours(2));
        assertThat(match.groupKey(Map.of("zone", "north", "type", "LEAK"))).isEqualTo("gas-leaks{zone=north}");
    }

    @Test
    void continueLetsLaterSiblingsTakeTheAlertToo() {
        List<RoutingConfig.Match> matches = CONFIG.route(Map.of("source", "metering-service", "type", "FIRE"));

        assertThat(matches).extracting(RoutingConfig.Match::route).containsExactly("metering", "fire");
    }

    @Test
    void anAlertNoChildTakesStaysWithTheRoot() {
        assertThat(CONFIG.route(Map.of("source", "billing-service", "type", "OVERDUE")))
                .extracting(RoutingConfig.Match::route, RoutingConfig.Match::receiver)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("root", "duty"));
    }

    @Test
    void anOfflineCameraInhibitsItsTamperButNotAnothersTamper() {
        Map<String, String> offline = Map.of("type", "OFFLINE", "subject", "camera:CAM-1");

        assertThat(CONFIG.inhibited(Map.of("type", "TAMPER", "subject", "camera:CAM-1"), List.of(offline))).isTrue();
        assertThat(CONFIG.inhibited(Map.of("type", "TAMPER", "subject", "camera:CAM-2"), List.of(offline))).isFalse();
        assertThat(CONFIG.inhibited(Map.of("type", "FIRE", "subject", "camera:CAM-1"), List.of(offline))).isFalse();
    }

    @Test
    void matchersFollowAlertmanagersRules() {
        assertThat(Matcher.parse("zone=~no.*").matches(Map.of("zone", "north"))).isTrue();
        assertThat(Matcher.parse("zone=~no").matches(Map.of("zone", "north"))).as("anchored").isFalse();
        assertThat(Matcher.parse("zone!=north").matches(Map.of())).as("missing counts as empty").isTrue();
        assertThat(Matcher.parse("severity!~INFO|WARNING").matches(Map.of("severity", "CRITICAL"))).isTrue();
        assertThatThrownBy(() -> Matcher.parse("zone")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Matcher.parse("zone=~(")).hasMessageContaining("invalid regular expression");
    }

    @Test
    void routeNamesMustBeUnique() {
        Route twin = new Route("metering", "x", null, false, null, null, null, null, null, null);
        assertThatThrownBy(() -> new RoutingConfig(new Route("root", "duty", null, false, null, null, null, null, null,
                List.of(METERING, twin)), null)).hasMessage("two routes are named metering");
    }
}
