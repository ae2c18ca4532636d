package kz.aqkol.contracts;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TraceContextTest {

    private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final MeterReading READING = new MeterReading(UUID.randomUUID(),
            Instant.parse("2026-11-25T10:00:00Z"), new BigDecimal("12.5"), MeterUnit.M3, List.of());

    @Test
    void aMessageCarriesItsTraceContextThroughJson() {
        byte[] json = Codec.write(READING, TraceContext.of(PARENT, "aqkol=1"));

        assertThat(Codec.read(json, MeterReading.class)).isEqualTo(READING);
        TraceContext trace = Codec.trace(json);
        assertThat(trace).isEqualTo(new TraceContext(PARENT, "aqkol=1"));
        assertThat(trace.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(trace.parentId()).isEqualTo("00f067aa0ba902b7");
    }

    @Test
    void withoutAContextTheMessageIsWrittenAsBefore() {
        assertThat(Codec.write(READING, null)).isEqualTo(Codec.write(READING));
        assertThat(Codec.trace(Codec.write(READING))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",        // no flags
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01",     // upper case
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",     // zero trace id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",     // zero span id
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",     // forbidden version
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-xx",  // version 00 has nothing after
            "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",
            "not a traceparent at all, but a sentence of fifty-five!"})
    void aMalformedTraceparentIsIgnoredAndTheMessageStillReads(String traceparent) {
        byte[] json = ("{\"id\":\"" + READING.id() + "\",\"occurredAt\":\"2026-11-25T10:00:00Z\",\"register\":12.5,"
                + "\"unit\":\"M3\",\"traceparent\":\"" + traceparent + "\"}").getBytes(UTF_8);

        assertThat(Codec.read(json, MeterReading.class).id()).isEqualTo(READING.id());
        assertThat(Codec.trace(json)).isNull();
    }

    @Test
    void aTraceparentThatIsNotAStringOrNotAtTheTopLevelIsNone() {
        String id = "\"id\":\"" + READING.id() + "\",\"occurredAt\":\"2026-11-25T10:00:00Z\",\"register\":1,"
                + "\"unit\":\"M3\"";
        assertThat(Codec.trace(("{" + id + ",\"traceparent\":42}").getBytes(UTF_8))).isNull();
        assertThat(Codec.trace(("{" + id + ",\"x\":{\"traceparent\":\"" + PARENT + "\"}}").getBytes(UTF_8))).isNull();
    }

    @Test
    void aLaterVersionIsReadUpToItsKnownFields() {
        TraceContext trace = TraceContext.of("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future", null);

        assertThat(trace.traceparent()).isEqualTo("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    }

    @ParameterizedTest
    @MethodSource("kz.aqkol.contracts.CodecTest#everyMessage")
    void aBadTracestateAloneIsDropped(AqkolMessage message) {
        byte[] json = Codec.write(message, TraceContext.of(PARENT, "x".repeat(513)));

        assertThat(Codec.trace(json)).isEqualTo(new TraceContext(PARENT, null));
        assertThat(Codec.read(json, message.getClass())).isEqualTo(message);
    }
}
