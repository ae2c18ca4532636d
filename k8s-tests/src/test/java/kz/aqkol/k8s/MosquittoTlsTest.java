package kz.aqkol.k8s;

import static kz.aqkol.k8s.MosquittoSecurityTest.DEVICES;
import static kz.aqkol.k8s.MosquittoSecurityTest.METER_A;
import static kz.aqkol.k8s.MosquittoSecurityTest.readings;
import static kz.aqkol.k8s.MosquittoSecurityTest.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In production meters and cameras reach the broker over TLS only (8883, the certificate of the Secret
 * mosquitto-tls): checked in the rendered overlay, then run with the machine's Mosquitto and a certificate made
 * here with openssl.
 */
class MosquittoTlsTest {

    private static final String PROD = "overlays/prod";

    @TempDir
    static Path certificates;

    private static Mosquitto broker;

    @BeforeAll
    static void startProductionsBroker() throws IOException, InterruptedException {
        MosquittoSecurityTest.assumeInstalled();
        certificate("broker");
        certificate("stranger");
        broker = Mosquitto.start(Renders.get().objects(PROD), DEVICES, Map.of("tls", Map.of(
                "tls.crt", Files.readString(certificates.resolve("broker.crt")),
                "tls.key", Files.readString(certificates.resolve("broker.key")))), Map.of());
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void productionOpensOnlyATlsPortToDevices() {
        List<HasMetadata> objects = Renders.get().objects(PROD);
        StatefulSet set = objects.stream().filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast)
                .filter(s -> s.getMetadata().getName().equals("mosquitto")).findFirst().orElseThrow();
        Container container = set.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getPorts()).extracting(port -> port.getName() + ":" + port.getContainerPort())
                .containsExactly("mqtt:1883", "mqtt-devices:8883");
        VolumeMount tls = container.getVolumeMounts().stream().filter(mount -> mount.getName().equals("tls"))
                .findFirst().orElseThrow();
        assertThat(set.getSpec().getTemplate().getSpec().getVolumes())
                .filteredOn(volume -> volume.getName().equals("tls")).singleElement()
                .satisfies(volume -> assertThat(volume.getSecret().getSecretName()).isEqualTo("mosquitto-tls"));

        String devices = objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(map -> map.getMetadata().getName().startsWith("mosquitto-listeners")).findFirst()
                .orElseThrow().getData().get("devices.conf");
        assertThat(devices.lines().filter(line -> line.startsWith("listener "))).containsExactly("listener 8883");
        assertThat(devices).contains("certfile " + tls.getMountPath() + "/tls.crt",
                "keyfile " + tls.getMountPath() + "/tls.key", "use_username_as_clientid true");

        Service service = objects.stream().filter(Service.class::isInstance).map(Service.class::cast)
                .filter(s -> s.getMetadata().getName().equals("mosquitto")).findFirst().orElseThrow();
        assertThat(service.getSpec().getPorts()).extracting(ServicePort::getPort).containsExactly(1883, 8883);

        NetworkPolicy fromDevices = objects.stream().filter(NetworkPolicy.class::isInstance)
                .map(NetworkPolicy.class::cast)
                .filter(policy -> policy.getMetadata().getName().equals("broker-from-devices")).findFirst()
                .orElseThrow();
        assertThat(fromDevices.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).as("from anywhere: the field").isEmpty();
            assertThat(rule.getPorts()).extracting(NetworkPolicyPort::getPort)
                    .containsExactly(new IntOrString("mqtt-devices"));
        });
    }

    @Test
    void aMeterPublishesOverTls() throws IOException {
        try (MqttUser metering = MosquittoSecurityTest.service(broker, "metering-service");
             MqttUser meter = MqttUser.connect(broker.port("mqtt-devices"), METER_A, METER_A, DEVICES.get(METER_A),
                     true, certificates.resolve("broker.crt"))) {
            metering.subscribe("aqkol/v1/meters/+/readings");
            String reading = unique("over TLS");
            meter.publish(readings(METER_A), reading);
            metering.awaitPayload(reading);
        }
        assertThat(broker.toRendered(broker.fileAsStarted("/mosquitto/listeners/devices.conf")))
                .contains("listener 8883\n");
    }

    @Test
    void plainMqttAWrongPasswordAndAnotherCertificateAreRefused() {
        int port = broker.port("mqtt-devices");
        assertThatThrownBy(() -> MqttUser.connect(port, METER_A, METER_A, DEVICES.get(METER_A)))
                .as("plain MQTT").isInstanceOf(MqttUser.Refused.class);
        assertThatThrownBy(() -> MqttUser.connect(port, METER_A, METER_A, "wrong", true,
                certificates.resolve("broker.crt"))).as("a wrong password").isInstanceOf(MqttUser.Refused.class);
        assertThatThrownBy(() -> MqttUser.connect(port, METER_A, METER_A, DEVICES.get(METER_A), true,
                certificates.resolve("stranger.crt"))).as("a client that trusts another certificate")
                .isInstanceOf(MqttUser.Refused.class);
    }

    /** A self-signed certificate for localhost, made with openssl: {@code name}.crt and {@code name}.key. */
    private static void certificate(String name) throws IOException, InterruptedException {
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec",
                "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost",
                "-keyout", certificates.resolve(name + ".key").toString(),
                "-out", certificates.resolve(name + ".crt").toString())
                .redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes());
        assertThat(openssl.waitFor()).as("openssl: " + output).isZero();
    }
}
