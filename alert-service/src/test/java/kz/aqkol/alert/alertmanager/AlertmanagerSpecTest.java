package kz.aqkol.alert.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The spec checker finds what is wrong: it would catch the answers alert-service gave before issue 15. */
class AlertmanagerSpecTest {

    private final AlertmanagerSpec spec = AlertmanagerSpec.load();

    @Test
    void statusesTheOperationDoesNotDefineAreCaught() {
        assertThat(spec.violations("POST", "/alerts", 204, "")).singleElement().asString()
                .contains("defines no status 204");
        assertThat(spec.violations("POST", "/alerts", 200, "")).isEmpty();
    }

    @Test
    void bodiesThatDoNotFitTheSchemaAreCaught() {
        assertThat(spec.violations("POST", "/alerts", 400,
                "{\"type\":\"urn:aqkol:problem:validation\",\"status\":400}")).singleElement().asString()
                .contains("should be a string");
        assertThat(spec.violations("GET", "/alerts", 200, "[{\"labels\":{\"a\":\"b\"},\"startsAt\":\"yesterday\"}]"))
                .contains("body[0].startsAt should be a date-time: yesterday", "body[0].status is required",
                        "body[0].receivers is required");
        assertThat(spec.violations("GET", "/silences", 200, "[{\"id\":\"x\",\"status\":{\"state\":\"muted\"},"
                + "\"updatedAt\":\"2026-01-01T00:00:00Z\",\"matchers\":[],\"startsAt\":\"2026-01-01T00:00:00Z\","
                + "\"endsAt\":\"2026-01-01T00:00:00Z\",\"createdBy\":\"a\",\"comment\":\"c\"}]"))
                .containsExactlyInAnyOrder("body[0].status.state should be one of [expired, active, pending]: muted",
                        "body[0].matchers should have at least 1 items");
    }
}
