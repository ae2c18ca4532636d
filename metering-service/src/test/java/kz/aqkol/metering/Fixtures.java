package kz.aqkol.metering;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Purpose;
import kz.aqkol.platform.security.Roles;

/** Test data made through the public API only: meters over REST, readings over MQTT. Every id is unique. */
final class Fixtures {

    /** A whole hour two days ago: readings the tests publish lie between it and now. */
    static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(2));

    private Fixtures() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String operator() {
        return TestStack.token(Roles.OPERATOR);
    }

    /** An operator who states why they read a resident's data, as staff must. */
    static RequestSpecification staff() {
        return given().auth().oauth2(operator()).header(Purpose.HEADER, "METER_SERVICE; test");
    }

    /** Registers a meter installed ten days before {@link #BASE}. */
    static void meter(String id, String utility, String unit, int digits, String account) {
        given().auth().oauth2(operator()).contentType("application/json")
                .body("""
                        {"id":"%s","utility":"%s","unit":"%s","registerDigits":%d,"multiplier":1,"hasValve":true,
                         "zone":"north","accountNumber":%s,"installedAt":"%s"}"""
                        .formatted(id, utility, unit, digits, account == null ? "null" : "\"" + account + "\"",
                                BASE.minus(Duration.ofDays(10))))
                .when().post("/meters").then().statusCode(201);
    }

    static String reading(UUID id, Instant at, String register, String unit) {
        return "{\"id\":\"" + id + "\",\"occurredAt\":\"" + at + "\",\"register\":" + register + ",\"unit\":\""
                + unit + "\"}";
    }

    /** Publishes a gas reading (QoS 1, waits for the broker's PUBACK). */
    static void gas(MqttTestClient client, String meter, Instant at, String register) {
        client.publish(Topics.meterReadings(meter), reading(UUID.randomUUID(), at, register, "M3"));
    }

    static Instant hour(int n) {
        return BASE.plus(Duration.ofHours(n));
    }
}
