package kz.aqkol.devstack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import kz.aqkol.devstack.Broker;
import kz.aqkol.devstack.DevStack;
import kz.aqkol.devstack.FreePort;

/**
 * The broker a benchmark runs through: the one AQKOL_MQTT_URL names; else Mosquitto, when installed, started here
 * with the settings a deployment uses (no queue limit, a wide in-flight window, since consumers acknowledge only
 * after their commit); else the embedded HiveMQ (whose in-flight window of 50 then caps the rate).
 */
final class BenchBroker implements AutoCloseable {

    private static final List<Path> MOSQUITTO = List.of(Path.of("/usr/sbin/mosquitto"), Path.of("/usr/bin/mosquitto"),
            Path.of("/usr/local/sbin/mosquitto"), Path.of("/usr/local/bin/mosquitto"));

    private final String description;
    private final Broker broker;
    private final Process mosquitto;

    private BenchBroker(String description, Broker broker, Process mosquitto) {
        this.description = description;
        this.broker = broker;
        this.mosquitto = mosquitto;
    }

    static BenchBroker start(Path home) {
        String url = System.getenv(DevStack.MQTT_URL_ENV);
        if (url != null && !url.isBlank()) {
            return new BenchBroker("the broker at " + url, Broker.external(url), null);
        }
        Path binary = MOSQUITTO.stream().filter(Files::isExecutable).findFirst().orElse(null);
        if (binary == null) {
            return new BenchBroker("embedded HiveMQ CE (in-flight window 50)",
                    Broker.embedded(0, home.resolve("mqtt"), false), null);
        }
        int port = FreePort.find();
        try {
            Path config = home.resolve("mosquitto.conf");
            Files.writeString(config, """
                    listener %d 127.0.0.1
                    allow_anonymous true
                    persistence false
                    max_inflight_messages 10000
                    max_queued_messages 0
                    """.formatted(port));
            Process process = new ProcessBuilder(binary.toString(), "-c", config.toString())
                    .redirectErrorStream(true).redirectOutput(home.resolve("mosquitto.log").toFile()).start();
            Instant deadline = Instant.now().plusSeconds(10);
            while (!FreePort.isTaken(port)) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    process.destroyForcibly();
                    throw CommandFailure.failed("Mosquitto did not start; see " + home.resolve("mosquitto.log"));
                }
                Thread.sleep(50);
            }
            return new BenchBroker("Mosquitto (" + binary + ", max_inflight_messages 10000, max_queued_messages 0)",
                    Broker.external("tcp://127.0.0.1:" + port), process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Mosquitto", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandFailure.failed("interrupted");
        }
    }

    Broker broker() {
        return broker;
    }

    /** The broker's process: Mosquitto's own, or this JVM when the broker is embedded; none if it runs elsewhere. */
    OptionalLong pid() {
        if (mosquitto != null) {
            return OptionalLong.of(mosquitto.pid());
        }
        return broker.isEmbedded() ? OptionalLong.of(ProcessHandle.current().pid())
                : OptionalLong.empty();
    }

    @Override
    public String toString() {
        return description + " on " + broker.host() + ":" + broker.port();
    }

    @Override
    public void close() {
        broker.close();
        if (mosquitto != null) {
            mosquitto.destroy();
            try {
                if (!mosquitto.waitFor(Duration.ofSeconds(5).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    mosquitto.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                mosquitto.destroyForcibly();
            }
        }
    }
}
