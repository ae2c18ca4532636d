package kz.aqkol.contracts;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CodecTest {

    private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");

    static Stream<AqkolMessage> everyMessage() {
        return Stream.of(
                new MeterReading(UUID.randomUUID(), AT, new BigDecimal("12345.678"), MeterUnit.M3, List.of("POWER_FAIL")),
                new ValveCommand(UUID.randomUUID(), AT, ValveAction.CLOSE_VALVE, "arrears"),
                new ValveCommandAck(UUID.randomUUID(), AT, UUID.randomUUID(), CommandResult.DONE, ValveState.CLOSED),
                new CameraStatus(UUID.randomUUID(), AT, true, "5.7.3", 41),
                new CameraEvent(UUID.randomUUID(), AT, DetectionType.PLATE, 0.97, "school-gate", "123ABC02",
                        "nvr://cam-017/1"),
                new AlertRaised(UUID.randomUUID(), AT, "metering-service", "LEAK", Severity.MAJOR, "meter:G-1",
                        "Continuous flow for 24 h", Map.of("zone", "north"), false),
                new AccountStatusChanged(UUID.randomUUID(), AT, "A-1042", AccountStatus.BLOCKED,
                        AccountStatus.OVERDUE, "unpaid"),
                new ConsumptionCorrected(UUID.randomUUID(), AT, "G-1", "A-1042", AT.minusSeconds(86_400), AT,
                        new BigDecimal("84.2"), new BigDecimal("79.65"), MeterUnit.M3, "late reading"),
                new DeadLetter(UUID.randomUUID(), AT, "metering-service", "aqkol/v1/meters/G-1/readings",
                        "unknown meter", null, "{}", null));
    }

    @ParameterizedTest
    @MethodSource("everyMessage")
    void everyMessageRoundTripsThroughJson(AqkolMessage message) {
        byte[] json = Codec.write(message);

        assertThat(Codec.read(json, message.getClass())).isEqualTo(message);
        assertThat(new String(json, UTF_8)).contains("\"occurredAt\":\"2026-11-25T10:00:00Z\"");
    }

    @Test
    void missingRequiredFieldIsNamed() {
        String json = "{\"id\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"2026-11-25T10:00:00Z\",\"unit\":\"M3\"}";

        assertThatThrownBy(() -> Codec.read(json.getBytes(UTF_8), MeterReading.class))
                .isInstanceOfSatisfying(ContractViolation.class, v -> {
                    assertThat(v.field()).isEqualTo("register");
                    assertThat(v.reason()).isEqualTo("is required");
                });
    }

    @Test
    void wrongEnumIsNamedWithTheAllowedValues() {
        String json = "{\"id\":\"" + UUID.randomUUID()
                + "\",\"occurredAt\":\"2026-11-25T10:00:00Z\",\"register\":1,\"unit\":\"LITRE\"}";

        assertThatThrownBy(() -> Codec.read(json.getBytes(UTF_8), MeterReading.class))
                .isInstanceOfSatisfying(ContractViolation.class, v -> {
                    assertThat(v.field()).isEqualTo("unit");
                    assertThat(v.reason()).isEqualTo("must be one of M3, KWH, GCAL");
                });
    }

    @Test
    void wrongTypesAreNamed() {
        assertViolation("{\"id\":\"not-a-uuid\",\"occurredAt\":\"2026-11-25T10:00:00Z\",\"register\":1,\"unit\":\"M3\"}",
                "id", "must be a UUID");
        assertViolation("{\"id\":\"" + UUID.randomUUID() + "\",\"occurredAt\":1764064800,\"register\":1,\"unit\":\"M3\"}",
                "occurredAt", "must be an ISO-8601 timestamp such as 2026-11-25T10:00:00Z");
        assertViolation("{\"id\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"2026-11-25 10:00\",\"register\":1,\"unit\":\"M3\"}",
                "occurredAt", "must be an ISO-8601 timestamp such as 2026-11-25T10:00:00Z");
        assertViolation("{\"id\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"2026-11-25T10:00:00Z\",\"register\":\"x\",\"unit\":\"M3\"}",
                "register", "must be a number");
        assertViolation("{\"id\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"2026-11-25T10:00:00Z\",\"register\":-1,\"unit\":\"M3\"}",
                "register", "must not be negative");
        assertViolation("{\"id\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"2026-11-25T10:00:00Z\",\"register\":1,\"unit\":\"M3\",\"flags\":[\"ok\"]}",
                "flags[0]", "must match [A-Z][A-Z0-9_]{0,31}");
    }

    @Test
    void wholePayloadProblemsHaveNoField() {
        assertViolation("", null, "payload is empty");
        assertViolation("[1,2]", null, "payload must be a JSON object");
        assertThatThrownBy(() -> Codec.read("{\"id\":".getBytes(UTF_8), MeterReading.class))
                .isInstanceOfSatisfying(ContractViolation.class, v -> {
                    assertThat(v.field()).isNull();
                    assertThat(v.reason()).startsWith("payload is not valid JSON");
                });
        byte[] huge = new byte[Codec.MAX_PAYLOAD_BYTES + 1];
        assertThatThrownBy(() -> Codec.read(huge, MeterReading.class))
                .isInstanceOfSatisfying(ContractViolation.class,
                        v -> assertThat(v.reason()).isEqualTo("payload is 65537 bytes, more than the 65536 allowed"));
    }

    @Test
    void unknownFieldsAreIgnoredAndOffsetsBecomeUtc() {
        UUID id = UUID.randomUUID();
        String json = "{\"id\":\"" + id + "\",\"occurredAt\":\"2026-11-25T15:00:00+05:00\",\"register\":7,"
                + "\"unit\":\"KWH\",\"firmwareNote\":\"new field from a newer meter\"}";

        MeterReading reading = Codec.read(json.getBytes(UTF_8), MeterReading.class);

        assertThat(reading.id()).isEqualTo(id);
        assertThat(reading.occurredAt()).isEqualTo(AT);
        assertThat(reading.register()).isEqualByComparingTo("7");
        assertThat(reading.flags()).isEmpty();
    }

    @Test
    void plateIsRefusedOnEventsThatCannotHaveOne() {
        String json = "{\"id\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"2026-11-25T10:00:00Z\",\"type\":\"PERSON\","
                + "\"confidence\":0.9,\"plate\":\"123ABC02\"}";

        assertThatThrownBy(() -> Codec.read(json.getBytes(UTF_8), CameraEvent.class))
                .isInstanceOfSatisfying(ContractViolation.class, v -> assertThat(v.field()).isEqualTo("plate"));
    }

    private static void assertViolation(String json, String field, String reason) {
        assertThatThrownBy(() -> Codec.read(json.getBytes(UTF_8), MeterReading.class))
                .isInstanceOfSatisfying(ContractViolation.class, v -> {
                    assertThat(v.field()).isEqualTo(field);
                    assertThat(v.reason()).isEqualTo(reason);
                });
    }
}
