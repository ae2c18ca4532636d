package kz.aqkol.devstack.test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import kz.aqkol.devstack.DevStack;
import kz.aqkol.devstack.MqttTestClient;

/** What a test needs of the running stack: tokens for any role, and an MQTT client on the same broker. */
public final class TestStack {

    private TestStack() {
    }

    /** A signed JWT whose subject is a made-up user of that role. */
    public static String token(String role) {
        return token(role, role + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** A signed JWT with that subject (a resident's subject is their account number). */
    public static String token(String role, String subject) {
        return DevStack.forTests().tokens().issue(subject, Duration.ofHours(1), role);
    }

    /** A signed JWT that only the {@code audience} services accept. */
    public static String tokenFor(String audience, String role, String subject) {
        return DevStack.forTests().tokens().issueFor(List.of(audience), subject, Duration.ofHours(1), role);
    }

    /** A signed JWT naming another issuer than the development one, for a service started as production. */
    public static String tokenFrom(String issuer, String role, String subject) {
        return DevStack.forTests().tokens().issueAs(issuer, subject, Duration.ofHours(1), role);
    }

    public static String expiredToken(String role) {
        return DevStack.forTests().tokens().expired(role + "-expired", role);
    }

    /** A clean-session client on the test broker; close it when done. */
    public static MqttTestClient mqtt() {
        DevStack stack = DevStack.forTests();
        return MqttTestClient.connect(stack.broker().host(), stack.broker().port(),
                "test-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public static DevStack stack() {
        return DevStack.forTests();
    }
}
