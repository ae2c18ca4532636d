package kz.aqkol.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker's security, run for real: the machine's Mosquitto with the configuration, ACL and password file that
 * k8s/ renders (overlays/dev; production adds TLS, MosquittoTlsTest), and real MQTT clients with the accounts of
 * the services and of devices. Mosquitto acknowledges an unauthorised publish and drops it, so every refusal is shown
 * as non-delivery to a subscriber that may read the topic, with a positive control: the topic's rightful writer
 * publishes after the attacker, and once that message has arrived the attacker's would have arrived before it.
 */
class MosquittoSecurityTest {

    static final String METER_A = "G-000101";
    static final String METER_B = "W-000102";
    static final String CAMERA_A = "CAM-0101";
    static final String CAMERA_B = "CAM-0102";
    static final Map<String, String> DEVICES = Map.of(
            METER_A, secret(), METER_B, secret(), CAMERA_A, secret(), CAMERA_B, secret());
    static final List<String> SERVICES = List.of("camera-service", "metering-service", "billing-service",
            "alert-service");

    private static Mosquitto broker;

    @BeforeAll
    static void startTheRenderedBroker() {
        broker = start(Map.of());
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theBrokerStartedIsTheOneK8sRenders() throws IOException {
        for (String file : List.of("/mosquitto/config/mosquitto.conf", "/mosquitto/config/acl",
                "/mosquitto/listeners/devices.conf")) {
            String name = Path.of(file).getFileName().toString();
            String started = broker.fileAsStarted(file);
            assertThat(broker.toRendered(started)).as(file).isEqualTo(rendered(name));
        }
        assertThat(broker.fileAsStarted("/mosquitto/listeners/devices.conf"))
                .contains("use_username_as_clientid true");
    }

    @Test
    void anonymousClientsAndWrongPasswordsAreRefused() {
        for (String port : List.of("mqtt", "mqtt-devices")) {
            assertThatThrownBy(() -> MqttUser.connect(broker.port(port), "anonymous", null, null))
                    .as("anonymous on " + port).isInstanceOf(MqttUser.Refused.class);
            assertThatThrownBy(() -> MqttUser.connect(broker.port(port), METER_A, METER_A, "wrong"))
                    .as("a meter with a wrong password on " + port).isInstanceOf(MqttUser.Refused.class);
            assertThatThrownBy(() -> MqttUser.connect(broker.port(port), "x", "metering-service", "wrong"))
                    .as("a service's name with a wrong password on " + port).isInstanceOf(MqttUser.Refused.class);
        }
    }

    @Test
    void aMeterPublishesOnlyItsOwnReadings() {
        aMeterPublishesOnlyItsOwnReadings(broker);
    }

    @Test
    void aMeterReadsOnlyItsOwnCommands() {
        try (MqttUser metering = service(broker, "metering-service"); MqttUser a = device(broker, METER_A);
             MqttUser b = device(broker, METER_B)) {
            a.subscribe(commands(METER_A));
            a.subscribe(commands(METER_B));
            a.subscribe("aqkol/v1/meters/+/commands");
            b.subscribe(commands(METER_B));
            String forB = unique("close B's valve");
            String forA = unique("open A's valve");
            metering.publish(commands(METER_B), forB);
            metering.publish(commands(METER_A), forA);
            b.awaitPayload(forB);
            a.awaitPayload(forA);
            assertThat(a.hasReceived(forB)).as("A read B's command").isFalse();
        }
    }

    @Test
    void aCameraPublishesOnlyItsOwnTopics() {
        try (MqttUser cameras = service(broker, "camera-service");
             MqttUser metering = service(broker, "metering-service");
             MqttUser alerts = service(broker, "alert-service"); MqttUser a = device(broker, CAMERA_A);
             MqttUser b = device(broker, CAMERA_B); MqttUser meter = device(broker, METER_A);
             MqttUser cameraService = service(broker, "camera-service")) {
            cameras.subscribe("aqkol/v1/cameras/+/status");
            cameras.subscribe("aqkol/v1/cameras/+/events");
            metering.subscribe("aqkol/v1/meters/+/readings");
            alerts.subscribe("aqkol/v1/alerts/+");
            String own = unique("A's detection");
            a.publish("aqkol/v1/cameras/" + CAMERA_A + "/events", own);
            cameras.awaitPayload(own);

            refusedPublish(a, "aqkol/v1/cameras/" + CAMERA_B + "/status", b, cameras);
            refusedPublish(a, "aqkol/v1/cameras/" + CAMERA_B + "/events", b, cameras);
            refusedPublish(a, readings(METER_A), meter, metering);
            refusedPublish(a, "aqkol/v1/alerts/camera-service", cameraService, alerts);
        }
    }

    @Test
    void onlyMeteringServicePublishesValveCommands() {
        try (MqttUser metering = service(broker, "metering-service"); MqttUser meter = device(broker, METER_A)) {
            meter.subscribe(commands(METER_A));
            for (String attacker : List.of("camera-service", "billing-service", "alert-service", "operator")) {
                try (MqttUser service = service(broker, attacker)) {
                    refusedPublish(service, commands(METER_A), metering, meter);
                }
            }
            refusedPublish(meter, commands(METER_A), metering, meter);
            for (String device : List.of(METER_B, CAMERA_A)) {
                try (MqttUser attacker = device(broker, device)) {
                    refusedPublish(attacker, commands(METER_A), metering, meter);
                }
            }
        }
    }

    @Test
    void onlyBillingServicePublishesAccountStatus() {
        String topic = "aqkol/v1/billing/account-status";
        try (MqttUser billing = service(broker, "billing-service");
             MqttUser metering = service(broker, "metering-service")) {
            metering.subscribe(topic);
            for (String attacker : List.of("camera-service", "metering-service", "alert-service", "operator")) {
                try (MqttUser service = service(broker, attacker)) {
                    refusedPublish(service, topic, billing, metering);
                }
            }
            for (String device : List.of(METER_A, CAMERA_A)) {
                try (MqttUser attacker = device(broker, device)) {
                    refusedPublish(attacker, topic, billing, metering);
                }
            }
        }
    }

    @Test
    void eachServiceRaisesOnlyItsOwnAlerts() {
        eachServiceRaisesOnlyItsOwnAlerts(broker);
    }

    @Test
    void eachServiceWritesOnlyItsOwnAuditCheckpoints() {
        try (MqttUser witness = service(broker, "alert-service")) {
            witness.subscribe("aqkol/v1/audit/checkpoints/+");
            for (String owner : SERVICES) {
                try (MqttUser writer = service(broker, owner)) {
                    for (String attacker : SERVICES.stream().filter(s -> !s.equals(owner)).toList()) {
                        try (MqttUser other = service(broker, attacker)) {
                            refusedPublish(other, "aqkol/v1/audit/checkpoints/" + owner, writer, witness);
                        }
                    }
                    try (MqttUser meter = device(broker, METER_A)) {
                        refusedPublish(meter, "aqkol/v1/audit/checkpoints/" + owner, writer, witness);
                    }
                }
            }
        }
    }

    @Test
    void aDeviceCannotTakeOverAServicesOrAnotherDevicesSession() {
        aDeviceCannotTakeOverASession(broker);
    }

    /**
     * The control for the test above: on the services' listener a second connection with the same client id does
     * take the session over (MQTT requires it), which is why the network policies open that port to the services
     * only (NetworkPoliciesTest) and devices get a listener of their own.
     */
    @Test
    void onTheServicesListenerASecondConnectionTakesTheSessionOver() {
        String clientId = "metering-service-" + UUID.randomUUID();
        try (MqttUser first = MqttUser.connect(broker.port("mqtt"), clientId, "metering-service",
                broker.password("metering-service"), false, null);
             MqttUser second = MqttUser.connect(broker.port("mqtt"), clientId, "operator",
                     broker.password("operator"), false, null)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !first.isConnected());
            assertThat(second.isConnected()).isTrue();
        }
    }

    /** The same checks fail against a broker whose fixture is broken: they can tell. */
    @Test
    void theChecksFailOnAWidenedAclOrADevicesListenerThatTrustsClientIds() {
        try (Mosquitto widened = start(Map.of("acl", acl -> acl
                .replace("pattern write aqkol/v1/meters/%u/readings", "pattern write aqkol/v1/meters/+/readings")
                .replace("topic write aqkol/v1/alerts/camera-service", "topic write aqkol/v1/alerts/+")))) {
            assertThatThrownBy(() -> aMeterPublishesOnlyItsOwnReadings(widened)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("delivered");
            assertThatThrownBy(() -> eachServiceRaisesOnlyItsOwnAlerts(widened)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("delivered");
        }
        try (Mosquitto trusting = start(Map.of("devices.conf", conf -> conf
                .replace("use_username_as_clientid true\n", "")))) {
            assertThatThrownBy(() -> aDeviceCannotTakeOverASession(trusting)).isInstanceOf(AssertionError.class);
        }
    }

    static void aMeterPublishesOnlyItsOwnReadings(Mosquitto broker) {
        try (MqttUser metering = service(broker, "metering-service"); MqttUser a = device(broker, METER_A);
             MqttUser b = device(broker, METER_B)) {
            metering.subscribe("aqkol/v1/meters/+/readings");
            String own = unique("A's reading");
            a.publish(readings(METER_A), own);
            metering.awaitPayload(own);

            refusedPublish(a, readings(METER_B), b, metering);
            refusedPublish(a, "aqkol/v1/meters/" + METER_B + "/commands/ack", b, subscribed(metering,
                    "aqkol/v1/meters/+/commands/ack"));
        }
    }

    static void eachServiceRaisesOnlyItsOwnAlerts(Mosquitto broker) {
        try (MqttUser alerts = service(broker, "alert-service"); MqttUser meter = device(broker, METER_A);
             MqttUser camera = device(broker, CAMERA_A)) {
            alerts.subscribe("aqkol/v1/alerts/+");
            for (String owner : List.of("camera-service", "metering-service", "billing-service")) {
                try (MqttUser writer = service(broker, owner)) {
                    for (String attacker : SERVICES.stream().filter(s -> !s.equals(owner)).toList()) {
                        try (MqttUser other = service(broker, attacker)) {
                            refusedPublish(other, "aqkol/v1/alerts/" + owner, writer, alerts);
                        }
                    }
                    refusedPublish(meter, "aqkol/v1/alerts/" + owner, writer, alerts);
                    refusedPublish(camera, "aqkol/v1/alerts/" + owner, writer, alerts);
                }
            }
        }
    }

    static void aDeviceCannotTakeOverASession(Mosquitto broker) {
        String serviceId = "metering-service-0";
        try (MqttUser metering = MqttUser.connect(broker.port("mqtt"), serviceId, "metering-service",
                broker.password("metering-service"), false, null);
             MqttUser b = device(broker, METER_B)) {
            metering.subscribe("aqkol/v1/meters/+/readings");
            try (MqttUser a = MqttUser.connect(broker.port("mqtt-devices"), serviceId, METER_A, DEVICES.get(METER_A),
                    false, null);
                 MqttUser asB = MqttUser.connect(broker.port("mqtt-devices"), METER_B, CAMERA_A,
                         DEVICES.get(CAMERA_A), true, null)) {
                String reading = unique("B's reading");
                b.publish(readings(METER_B), reading);
                metering.awaitPayload(reading);
                assertThat(metering.isConnected()).as("the service kept its connection").isTrue();
                assertThat(b.isConnected()).as("meter B kept its connection").isTrue();
                assertThat(a.received()).as("what the device got of the service's session").isEmpty();
                assertThat(asB.received()).as("what a device got of B's session").isEmpty();
            }
        }
    }

    /**
     * {@code attacker} publishes to {@code topic}, then {@code writer}, who may; {@code observer}, subscribed to
     * the topic, gets the writer's message and not the attacker's, which the broker handled first.
     */
    static void refusedPublish(MqttUser attacker, String topic, MqttUser writer, MqttUser observer) {
        String attack = unique("attack");
        String control = unique("control");
        attacker.publish(topic, attack);
        writer.publish(topic, control);
        observer.awaitPayload(control);
        assertThat(observer.hasReceived(attack)).as("%s delivered to %s by an unauthorised client", attack, topic)
                .isFalse();
    }

    static MqttUser service(Mosquitto broker, String account) {
        return MqttUser.connect(broker.port("mqtt"), account + "-" + UUID.randomUUID(), account,
                broker.password(account));
    }

    static MqttUser device(Mosquitto broker, String id) {
        return MqttUser.connect(broker.port("mqtt-devices"), id + "-" + UUID.randomUUID(), id, DEVICES.get(id));
    }

    private static MqttUser subscribed(MqttUser user, String filter) {
        user.subscribe(filter);
        return user;
    }

    static String readings(String meter) {
        return "aqkol/v1/meters/" + meter + "/readings";
    }

    static String commands(String meter) {
        return "aqkol/v1/meters/" + meter + "/commands";
    }

    static String unique(String what) {
        return what + " " + UUID.randomUUID();
    }

    private static Mosquitto start(Map<String, UnaryOperator<String>> edit) {
        assumeInstalled();
        return Mosquitto.start(Renders.get().objects("overlays/dev"), DEVICES, Map.of(), edit);
    }

    /** Skipped where Mosquitto is not installed, unless AQKOL_REQUIRE_TOOLS is set (.ci/run sets it). */
    static void assumeInstalled() {
        boolean required = System.getenv("AQKOL_REQUIRE_TOOLS") != null;
        assumeTrue(Mosquitto.installed() || required,
                "Debian's mosquitto is not installed (apt-get install mosquitto); .ci/run installs it");
    }

    private static String rendered(String file) {
        List<HasMetadata> objects = Renders.get().objects("overlays/dev");
        return objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(map -> map.getMetadata().getName().startsWith("mosquitto-"))
                .filter(map -> map.getData().containsKey(file)).findFirst().orElseThrow()
                .getData().get(file);
    }

    private static String secret() {
        return UUID.randomUUID().toString();
    }
}
