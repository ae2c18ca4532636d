package kz.aqkol.portal.me;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import kz.aqkol.portal.me.AccessLog.Entry;
import kz.aqkol.portal.me.AccessLog.Merged;
import kz.aqkol.portal.me.AccessLog.More;
import kz.aqkol.portal.me.AccessLog.ServicePage;
import kz.aqkol.portal.me.MeApis.Access;
import org.junit.jupiter.api.Test;

class AccessLogTest {

    private static Access at(long seq, String time) {
        return new Access(seq, Instant.parse(time), "op-" + seq, "operator", "READ", "invoice", "x", "BILLING");
    }

    private static List<String> order(Merged merged) {
        return merged.entries().stream().map(e -> e.service() + "#" + e.access().seq()).toList();
    }

    @Test
    void theServicesFirstPagesAreMergedNewestFirst() {
        Merged merged = AccessLog.merge(List.of(
                new ServicePage("billing-service", List.of(at(9, "2026-11-05T10:00:00Z"), at(8, "2026-11-01T10:00:00Z")),
                        null, false),
                new ServicePage("metering-service", List.of(at(3, "2026-11-03T10:00:00Z")), null, false),
                new ServicePage("camera-service", List.of(), null, false)));

        assertThat(order(merged)).containsExactly("billing-service#9", "metering-service#3", "billing-service#8");
        assertThat(merged.completeSince()).isNull();
        assertThat(merged.firstIncomplete()).isEqualTo(-1);
        assertThat(merged.more()).isEmpty();
        assertThat(merged.unavailable()).isEmpty();
    }

    @Test
    void theSameInstantKeepsAStableOrderByServiceThenNewestEntry() {
        Merged merged = AccessLog.merge(List.of(
                new ServicePage("metering-service", List.of(at(1, "2026-11-03T10:00:00Z")), null, false),
                new ServicePage("billing-service", List.of(at(4, "2026-11-03T10:00:00Z"), at(5, "2026-11-03T10:00:00Z")),
                        null, false)));
        assertThat(order(merged)).containsExactly("billing-service#5", "billing-service#4", "metering-service#1");
    }

    @Test
    void whereAServiceHasMoreTheListSaysFromWhereItMayBeIncompleteAndLinksItsNextPage() {
        // billing has older entries beyond 3 Nov; metering's whole log reaches back to 1 Nov
        Merged merged = AccessLog.merge(List.of(
                new ServicePage("billing-service", List.of(at(20, "2026-11-06T10:00:00Z"), at(19, "2026-11-03T10:00:00Z")),
                        "19", false),
                new ServicePage("metering-service", List.of(at(7, "2026-11-04T10:00:00Z"), at(6, "2026-11-01T10:00:00Z")),
                        null, false)));

        assertThat(order(merged)).containsExactly("billing-service#20", "metering-service#7", "billing-service#19",
                "metering-service#6");
        assertThat(merged.completeSince()).isEqualTo(Instant.parse("2026-11-03T10:00:00Z"));
        // metering's entry of 1 Nov is older than what billing's first page reaches: billing may have some in between
        assertThat(merged.firstIncomplete()).isEqualTo(3);
        assertThat(merged.more()).containsExactly(new More("billing-service", "19"));
    }

    @Test
    void theNewestCutOfSeveralServicesWithMoreBoundsWhatIsComplete() {
        Merged merged = AccessLog.merge(List.of(
                new ServicePage("billing-service", List.of(at(2, "2026-11-05T00:00:00Z")), "2", false),
                new ServicePage("alert-service", List.of(at(9, "2026-11-02T00:00:00Z")), "9", false)));
        assertThat(merged.completeSince()).isEqualTo(Instant.parse("2026-11-05T00:00:00Z"));
        assertThat(merged.firstIncomplete()).isEqualTo(1);
        assertThat(merged.more()).extracting(More::service).containsExactly("billing-service", "alert-service");
    }

    @Test
    void aServiceThatDidNotAnswerIsNamedAndTheOthersStillShow() {
        Merged merged = AccessLog.merge(List.of(
                ServicePage.unavailable("camera-service"),
                new ServicePage("alert-service", List.of(at(1, "2026-11-02T00:00:00Z")), null, false)));
        assertThat(merged.unavailable()).containsExactly("camera-service");
        assertThat(merged.entries()).extracting(Entry::service).containsExactly("alert-service");
    }
}
