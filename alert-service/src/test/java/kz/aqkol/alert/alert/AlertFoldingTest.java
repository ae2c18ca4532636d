package kz.aqkol.alert.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.alert.routing.Escalation;
import kz.aqkol.alert.routing.Matcher;
import kz.aqkol.alert.routing.Route;
import kz.aqkol.alert.routing.RoutingConfig;
import kz.aqkol.contracts.Severity;
import org.junit.jupiter.api.Test;

class AlertFoldingTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant EARLIER = NOW.minus(Duration.ofMinutes(10));
    private static final RoutingConfig ROUTING = new RoutingConfig(new Route("root", "duty", null, false, null, null,
            null, null, null, List.of(new Route("leaks", "water-team", List.of(Matcher.parse("type=LEAK")), false,
                    null, null, null, null, new Escalation(List.of(new Escalation.Level("15m", "chief")), null),
                    null))), null);

    @Test
    void aFirstRaiseOpensAnAlertRoutedWithItsEscalation() {
        Signal raise = raise(EARLIER, Severity.MAJOR);

        AlertFolding.Result result = fold(List.of(), raise);

        assertThat(result.opened()).singleElement().satisfies(opened -> {
            assertThat(opened.by()).isEqualTo("metering-service");
            assertThat(opened.matches()).extracting(RoutingConfig.Match::route).containsExactly("leaks");
            Alert alert = opened.alert();
            assertThat(alert.status).isEqualTo(Alert.Status.OPEN);
            assertThat(alert.fingerprint).isEqualTo(raise.fingerprint());
            assertThat(alert.route).isEqualTo("leaks");
            assertThat(alert.nextEscalationAt).as("15m after it opened, not after it occurred")
                    .isEqualTo(NOW.plus(Duration.ofMinutes(15)));
            assertThat(alert.occurrences).isEqualTo(1);
            assertThat(alert.firstSeen).isEqualTo(EARLIER);
        });
        Alert alert = result.opened().get(0).alert();
        assertThat(result.changed()).containsExactly(alert);
        assertThat(result.messages()).singleElement().satisfies(message -> {
            assertThat(message.id).isEqualTo(raise.id());
            assertThat(message.alertId).isEqualTo(alert.id);
            assertThat(message.receivedAt).isEqualTo(NOW);
        });
        assertThat(result.resolved()).isEmpty();
        assertThat(result.regrouped()).isEmpty();
    }

    @Test
    void anAlertNoRouteTakesBeyondTheRootStillOpensWithTheRootsRoute() {
        Signal raise = new Signal(UUID.randomUUID(), EARLIER, "billing-service", "OVERDUE", Severity.MINOR,
                "account:A-1", "overdue", Map.of(), false, null, null);

        Alert alert = fold(List.of(), raise).opened().get(0).alert();

        assertThat(alert.route).isEqualTo("root");
        assertThat(alert.nextEscalationAt).as("the root has no escalation").isNull();
    }

    @Test
    void repeatsCountUpTheOneOpenAlert() {
        Alert open = opened(raise(EARLIER, Severity.MAJOR));

        AlertFolding.Result result = fold(List.of(open), raise(EARLIER, Severity.MAJOR),
                raise(EARLIER.plusSeconds(60), Severity.MAJOR));

        assertThat(result.opened()).isEmpty();
        assertThat(result.changed()).containsExactly(open);
        assertThat(open.occurrences).isEqualTo(3);
        assertThat(result.messages()).hasSize(2).allSatisfy(m -> assertThat(m.alertId).isEqualTo(open.id));
        assertThat(result.regrouped()).as("same severity, same groups").isEmpty();
    }

    @Test
    void aNewerSignalDescribesTheAlertAndRegroupsItWhenItsSeverityChanges() {
        Alert open = opened(raise(EARLIER, Severity.MAJOR));
        Instant later = EARLIER.plusSeconds(60);
        Signal worse = new Signal(UUID.randomUUID(), later, "metering-service", "LEAK", Severity.CRITICAL,
                "meter:M-1", "flooding now", Map.of("zone", "south"), false, null, null);

        AlertFolding.Result result = fold(List.of(open), worse);

        assertThat(open.severity).isEqualTo(Severity.CRITICAL);
        assertThat(open.summary).isEqualTo("flooding now");
        assertThat(open.labels).isEqualTo(Map.of("zone", "south"));
        assertThat(open.lastSeen).isEqualTo(later);
        assertThat(open.occurrences).isEqualTo(2);
        assertThat(result.regrouped()).containsExactly(open.id);
    }

    @Test
    void anOlderSignalOnlyCounts() {
        Alert open = opened(raise(EARLIER, Severity.MAJOR));
        Signal older = new Signal(UUID.randomUUID(), EARLIER.minusSeconds(60), "metering-service", "LEAK",
                Severity.CRITICAL, "meter:M-1", "stale news", Map.of("zone", "south"), false, null, null);

        AlertFolding.Result result = fold(List.of(open), older);

        assertThat(open.occurrences).isEqualTo(2);
        assertThat(open.severity).isEqualTo(Severity.MAJOR);
        assertThat(open.summary).isEqualTo("leak at meter M-1");
        assertThat(open.labels).isEqualTo(Map.of("zone", "north"));
        assertThat(open.lastSeen).isEqualTo(EARLIER);
        assertThat(result.regrouped()).isEmpty();
    }

    @Test
    void aResolveClosesTheOpenAlert() {
        Alert open = opened(raise(EARLIER, Severity.MAJOR));
        open.nextEscalationAt = NOW.plusSeconds(60);
        Signal resolve = resolve(NOW);

        AlertFolding.Result result = fold(List.of(open), resolve);

        assertThat(open.status).isEqualTo(Alert.Status.RESOLVED);
        assertThat(open.resolvedAt).isEqualTo(NOW);
        assertThat(open.nextEscalationAt).as("a resolved alert escalates no more").isNull();
        assertThat(result.resolved()).containsExactly(open);
        assertThat(result.lapsed()).as("cleared at source, not lapsed").isEmpty();
        assertThat(result.changed()).containsExactly(open);
        assertThat(result.messages()).extracting(m -> m.id).containsExactly(resolve.id());
    }

    @Test
    void aResolveWithNothingOpenDoesNothing() {
        AlertFolding.Result result = fold(List.of(), resolve(NOW));

        assertThat(result.opened()).isEmpty();
        assertThat(result.changed()).isEmpty();
        assertThat(result.resolved()).isEmpty();
        assertThat(result.messages()).as("nothing to refer to").isEmpty();
    }

    @Test
    void aLapseResolvesOnlyAnAlertTheSenderHasNotRaisedAgain() {
        Instant endsAt = NOW.minusSeconds(30);
        Alert due = opened(raise(EARLIER, Severity.MAJOR));
        due.endsAt = endsAt;

        AlertFolding.Result lapsed = fold(List.of(due), Signal.lapsed(due));

        assertThat(due.status).isEqualTo(Alert.Status.RESOLVED);
        assertThat(lapsed.resolved()).containsExactly(due);
        assertThat(lapsed.lapsed()).containsExactly(due.id);

        Alert raisedAgain = opened(raise(EARLIER, Severity.MAJOR));
        raisedAgain.endsAt = endsAt;
        Signal lapse = Signal.lapsed(raisedAgain);
        raisedAgain.endsAt = endsAt.plus(Duration.ofMinutes(5));

        AlertFolding.Result kept = fold(List.of(raisedAgain), lapse);

        assertThat(raisedAgain.status).isEqualTo(Alert.Status.OPEN);
        assertThat(kept.resolved()).isEmpty();
        assertThat(kept.changed()).isEmpty();
        assertThat(kept.messages()).isEmpty();
    }

    @Test
    void aRefreshOfTheSameFiringExtendsEndsAtWithoutCounting() {
        Signal first = withEndsAt(raise(EARLIER, Severity.MAJOR), NOW.plusSeconds(60));
        Alert open = opened(first);

        fold(List.of(open), withEndsAt(raise(EARLIER, Severity.MAJOR), NOW.plusSeconds(240)));

        assertThat(open.endsAt).isEqualTo(NOW.plusSeconds(240));
        assertThat(open.occurrences).isEqualTo(1);
    }

    @Test
    void aRaiseResolveRaiseOfOneConditionEndsWithANewOpenAlert() {
        Signal raise = raise(EARLIER, Severity.MAJOR);
        Signal again = raise(EARLIER.plusSeconds(120), Severity.MAJOR);

        AlertFolding.Result result = fold(List.of(), raise, resolve(EARLIER.plusSeconds(60)), again);

        assertThat(result.opened()).hasSize(2);
        Alert first = result.opened().get(0).alert();
        Alert second = result.opened().get(1).alert();
        assertThat(first.status).isEqualTo(Alert.Status.RESOLVED);
        assertThat(result.resolved()).containsExactly(first);
        assertThat(second.status).isEqualTo(Alert.Status.OPEN);
        assertThat(second.id).isNotEqualTo(first.id);
        assertThat(second.firstSeen).isEqualTo(again.occurredAt());
        assertThat(result.changed()).containsExactly(first, second);
        assertThat(result.messages()).extracting(m -> m.alertId).containsExactly(first.id, first.id, second.id);
    }

    private static AlertFolding.Result fold(List<Alert> open, Signal... signals) {
        return AlertFolding.fold(NOW, ROUTING, open, List.of(signals));
    }

    private static Alert opened(Signal first) {
        return Alert.open(first.fingerprint(), first);
    }

    private static Signal raise(Instant occurredAt, Severity severity) {
        return new Signal(UUID.randomUUID(), occurredAt, "metering-service", "LEAK", severity, "meter:M-1",
                "leak at meter M-1", Map.of("zone", "north"), false, null, null);
    }

    private static Signal resolve(Instant occurredAt) {
        return new Signal(UUID.randomUUID(), occurredAt, "metering-service", "LEAK", Severity.MAJOR, "meter:M-1",
                "leak at meter M-1", Map.of("zone", "north"), true, null, null);
    }

    private static Signal withEndsAt(Signal signal, Instant endsAt) {
        return new Signal(signal.id(), signal.occurredAt(), signal.source(), signal.type(), signal.severity(),
                signal.subject(), signal.summary(), signal.labels(), signal.resolved(), signal.generatorUrl(),
                endsAt);
    }
}
