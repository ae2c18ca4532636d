package kz.aqkol.alert.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.alert.alert.Alert;
import kz.aqkol.alert.alert.AlertView;
import kz.aqkol.contracts.Severity;
import org.junit.jupiter.api.Test;

class ChangeNoticesTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void oneChangeIsOneNoticeThatReadsBackAsTheSameView() {
        AlertView view = view("meter:G-1", "x");

        List<String> notices = ChangeNotices.write(JSON, List.of(view), ChangeNotices.MAX_BYTES);

        assertThat(notices).hasSize(1);
        ChangeNotices.Notice notice = ChangeNotices.read(JSON, notices.get(0));
        assertThat(notice.views()).containsExactly(view);
        assertThat(notice.load()).isEmpty();
    }

    @Test
    void manyChangesAreSplitIntoNoticesBelowTheLimitInTheirOrder() {
        List<AlertView> views = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            views.add(view("meter:G-" + i, "v".repeat(i * 3)));
        }

        List<String> notices = ChangeNotices.write(JSON, views, ChangeNotices.MAX_BYTES);

        assertThat(notices).hasSizeGreaterThan(1)
                .allSatisfy(n -> assertThat(n.getBytes(StandardCharsets.UTF_8).length)
                        .isLessThanOrEqualTo(ChangeNotices.MAX_BYTES));
        List<AlertView> read = notices.stream().flatMap(n -> ChangeNotices.read(JSON, n).views().stream()).toList();
        assertThat(read).containsExactlyElementsOf(views);
    }

    @Test
    void aViewTooLongForANoticeTravelsAsItsIdToLoad() {
        AlertView small = view("meter:G-1", "x");
        AlertView huge = view("meter:G-2", "ж".repeat(5_000)); // 10,000 bytes in UTF-8

        List<String> notices = ChangeNotices.write(JSON, List.of(huge, small), ChangeNotices.MAX_BYTES);

        assertThat(notices).singleElement().satisfies(n -> {
            ChangeNotices.Notice notice = ChangeNotices.read(JSON, n);
            assertThat(notice.views()).containsExactly(small);
            assertThat(notice.load()).containsExactly(huge.id());
        });
    }

    @Test
    void idsFillFurtherNoticesWhenOneWouldOverflow() {
        List<AlertView> huge = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            huge.add(view("meter:G-" + i, "y".repeat(9_000)));
        }

        List<String> notices = ChangeNotices.write(JSON, huge, ChangeNotices.MAX_BYTES);

        assertThat(notices).hasSize(2).allSatisfy(n -> assertThat(n.length())
                .isLessThanOrEqualTo(ChangeNotices.MAX_BYTES));
        assertThat(notices.stream().flatMap(n -> ChangeNotices.read(JSON, n).load().stream()).toList())
                .containsExactlyElementsOf(huge.stream().map(AlertView::id).toList());
    }

    @Test
    void somethingElseOnTheChannelIsRefused() {
        assertThatThrownBy(() -> ChangeNotices.read(JSON, "hello")).isInstanceOf(IllegalArgumentException.class);
    }

    private static AlertView view(String subject, String label) {
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        return new AlertView(UUID.randomUUID(), "fp-" + subject, "metering-service", "LEAK", subject,
                Severity.MAJOR, Alert.Status.OPEN, "a leak", Map.of("zone", label), 3, at, at, null, null, null,
                null, "leaks", 0);
    }
}
