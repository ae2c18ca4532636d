package kz.aqkol.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The brokers {@code ./aqkol up} runs: what a restart keeps, and that a run left behind does not block the next. */
class BrokerTest {

    private static final String TOPIC = "aqkol/v1/broker-test/M-1/readings";

    @TempDir
    Path home;

    @Test
    void mosquittoKeepsAnAbsentSessionsQueueAcrossARestart() throws Exception {
        keepsAnAbsentSessionsQueueAcrossARestart(Broker.mosquitto(mosquitto(), 0, home, true));
    }

    @Test
    void hivemqKeepsAnAbsentSessionsQueueAcrossARestart() throws Exception {
        keepsAnAbsentSessionsQueueAcrossARestart(Broker.embedded(0, home, true));
    }

    @Test
    void aMosquittoWhoseLauncherDiedIsStoppedByTheNextStart() {
        Path binary = mosquitto();
        Broker left = Broker.mosquitto(binary, 0, home, true);
        long leftPid = left.pid().orElseThrow();
        // the launcher killed without its shutdown hooks: the next start finds the process by its pid file
        try (Broker next = Broker.mosquitto(binary, left.port(), home, true);
             MqttTestClient client = MqttTestClient.connect(next.host(), next.port(), "after-restart")) {
            assertThat(ProcessHandle.of(leftPid).map(ProcessHandle::isAlive)).isIn(Optional.empty(),
                    Optional.of(false));
            assertThat(next.pid()).isPresent().isNotEqualTo(left.pid());
            assertThat(client.isConnected()).isTrue();
        }
    }

    private static void keepsAnAbsentSessionsQueueAcrossARestart(Broker started) throws Exception {
        Broker broker = started;
        try {
            MqttTestClient.connect(broker.host(), broker.port(), "consumer", false).subscribe(TOPIC).close();
            try (MqttTestClient device = MqttTestClient.connect(broker.host(), broker.port(), "device")) {
                IntStream.range(0, 100).forEach(i -> device.publish(TOPIC, "{\"n\":" + i + "}"));
            }
            broker = broker.restarted(Duration.ZERO);
            try (MqttTestClient consumer = MqttTestClient.connect(broker.host(), broker.port(), "consumer", false)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> consumer.receivedCount() >= 100);
                assertThat(consumer.received()).extracting(MqttTestClient.Received::text)
                        .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 100)
                                .mapToObj(i -> "{\"n\":" + i + "}").toList());
            }
        } finally {
            broker.close();
        }
    }

    /** Mosquitto's executable; the test is skipped where it is not installed, and fails then in CI. */
    private static Path mosquitto() {
        Optional<Path> binary = Broker.mosquittoBinary();
        if (binary.isEmpty()) {
            assumeTrue(System.getenv("AQKOL_REQUIRE_TOOLS") != null, "Mosquitto is not installed");
        }
        return binary.orElseThrow(() -> new AssertionError("Mosquitto is required here (AQKOL_REQUIRE_TOOLS)"));
    }
}
