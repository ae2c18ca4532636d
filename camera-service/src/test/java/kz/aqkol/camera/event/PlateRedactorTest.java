package kz.aqkol.camera.event;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Dead-letter redaction works on the parsed JSON: no spelling of a plate survives. */
class PlateRedactorTest {

    private static final String PLATE = "123ABC02";
    private static final String ESCAPED = "\\u0031\\u0032\\u0033\\u0041\\u0042\\u0043\\u0030\\u0032";

    private final PlateHasher hasher = new PlateHasher("a-key-of-sixteen-characters");
    private final PlateRedactor redactor = new PlateRedactor(hasher);

    @Test
    void aPlateBecomesItsKeyedHash() {
        String out = redact("{\"type\":\"PLATE\",\"plate\":\"123 abc 02\",\"confidence\":2.50}");

        assertThat(out).isEqualTo("{\"type\":\"PLATE\",\"plateHash\":\"" + hasher.hash(PLATE)
                + "\",\"confidence\":2.50}");
    }

    @Test
    void aPlateWrittenWithEscapesOrUnderAnEscapedNameIsFoundAndHashedAsThePlate() {
        String out = redact("{\"\\u0070l\\u0061te\":\"" + ESCAPED + "\"}");

        assertThat(out).doesNotContain(PLATE).doesNotContainIgnoringCase("\\u00").contains(hasher.hash(PLATE));
    }

    @Test
    void nestedPlatesInObjectsAndArraysAndOtherNamesForAPlateAreHashed() {
        String out = redact("{\"a\":{\"b\":[{\"plate\":\"" + ESCAPED + "\"}]},\"licencePlate\":\"" + PLATE
                + "\",\"PLATE_NUMBER\":12345,\"plate2\":{\"text\":\"" + PLATE + "\"},\"x\":[\"ok\"]}");

        assertThat(out).doesNotContain(PLATE).doesNotContain("12345").doesNotContainIgnoringCase("\\u00")
                .contains("\"a\":{\"b\":[{\"plateHash\":\"" + hasher.hash(PLATE) + "\"}]}")
                .contains("\"licencePlateHash\":\"" + hasher.hash(PLATE) + "\"")
                .contains("\"PLATE_NUMBERHash\":").contains("\"plate2Hash\":").contains("\"x\":[\"ok\"]");
    }

    @Test
    void aDuplicatedPlateFieldLeavesNeitherValue() {
        String out = redact("{\"plate\":\"" + PLATE + "\",\"pl\\u0061te\":\"777XYZ01\"}");

        assertThat(out).doesNotContain(PLATE).doesNotContain("777XYZ01").contains("plateHash");
    }

    @Test
    void aPayloadThatIsNotJsonIsReplacedByItsSizeAndKeyedFingerprint() {
        for (String payload : new String[] {
                PLATE + " was seen",
                "{\"plate\":\"" + PLATE + "\"",                               // truncated
                "{\"ok\":1} {\"plate\":\"" + PLATE + "\"}",                   // trailing value
                "[".repeat(5_000) + "\"" + PLATE + "\"",                       // deeper than the parser goes
                "{'plate':'" + PLATE + "'}"}) {
            String out = redact(payload);
            assertThat(out).doesNotContain(PLATE).contains("\"redacted\"")
                    .contains("\"bytes\":" + payload.getBytes(UTF_8).length)
                    .contains("\"fingerprint\":\"" + hasher.fingerprint(payload.getBytes(UTF_8)) + "\"");
        }
        byte[] notUtf8 = {(byte) 0xff, 'p', 'l', 'a', 't', 'e'};
        assertThat(new String(redactor.redact("camera-events", notUtf8), UTF_8)).contains("\"redacted\"");
        assertThat(hasher.fingerprint("a".getBytes(UTF_8))).isEqualTo(hasher.fingerprint("a".getBytes(UTF_8)))
                .isNotEqualTo(hasher.fingerprint("b".getBytes(UTF_8))).isNotEqualTo(hasher.hash("a"));
    }

    @Test
    void aPayloadNamingNoPlateIsKeptExactlyAsItArrived() {
        String payload = "{ \"type\" : \"MOTION\", \"confidence\": 9 }";

        assertThat(redact(payload)).isEqualTo(payload);
        assertThat(redact("42")).isEqualTo("42");
        assertThat(redactor.redact("camera-events", new byte[0])).isEmpty();
    }

    @Test
    void aReasonLosesWhatTheParserQuotedFromThePayload() {
        assertThat(redactor.redactReason("camera-events", "payload is not valid JSON: Unrecognized token '"
                + PLATE + "': was expecting (JSON String, Number, Array, Object or token 'null')"))
                .doesNotContain(PLATE).startsWith("payload is not valid JSON: Unrecognized token '…'");
        assertThat(redactor.redactReason("camera-events", "confidence must be a number")).isEqualTo(
                "confidence must be a number");
    }

    private String redact(String payload) {
        return new String(redactor.redact("camera-events", payload.getBytes(UTF_8)), UTF_8);
    }
}
