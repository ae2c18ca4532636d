package kz.aqkol.devstack;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real MQTT broker with shared subscriptions: Mosquitto run as a child process, HiveMQ Community Edition embedded
 * in this JVM, or an existing broker named by a URL such as {@code tcp://127.0.0.1:1883}.
 *
 * <p>{@link #local} prefers Mosquitto when it is installed. HiveMQ CE needs nothing but the JVM, but delivers a
 * shared subscription's queue slowly once it backs up: it sends a subscriber more only when all it sent before are
 * acknowledged (50 at most), and it takes each acknowledged message out of the shared queue by scanning that queue
 * (seen in its in-memory mode), on one thread. Services acknowledge after their commit, so through it the whole
 * stack ingests about 2,000 readings/s; through Mosquitto, several times that (docs/benchmarks.md).
 */
public final class Broker implements AutoCloseable {

    /** {@code hivemq}: {@link #local} embeds HiveMQ CE even where Mosquitto is installed. */
    public static final String BROKER_ENV = "AQKOL_BROKER";

    private static final List<Path> MOSQUITTO = List.of(Path.of("/usr/sbin/mosquitto"), Path.of("/usr/bin/mosquitto"),
            Path.of("/usr/local/sbin/mosquitto"), Path.of("/usr/local/bin/mosquitto"));
    private static final Duration MOSQUITTO_START = Duration.ofSeconds(10);

    private final String host;
    private final int port;
    private final EmbeddedHiveMQ embedded;
    private final Process mosquitto;
    private final Path binary;
    private final Path home;
    private final boolean persistent;

    private Broker(String host, int port, EmbeddedHiveMQ embedded, Process mosquitto, Path binary, Path home,
                   boolean persistent) {
        this.host = host;
        this.port = port;
        this.embedded = embedded;
        this.mosquitto = mosquitto;
        this.binary = binary;
        this.home = home;
        this.persistent = persistent;
    }

    /**
     * A broker of this machine's own on 127.0.0.1:{@code port} (0: any free port), its files under {@code home}:
     * Mosquitto when installed (unless {@value #BROKER_ENV} says {@code hivemq}), else HiveMQ CE embedded. With
     * {@code persistent} false, sessions and queues live in memory only.
     */
    public static Broker local(int port, Path home, boolean persistent) {
        if ("hivemq".equalsIgnoreCase(System.getenv(BROKER_ENV))) {
            return embedded(port, home, persistent);
        }
        return mosquittoBinary().map(binary -> mosquitto(binary, port, home, persistent))
                .orElseGet(() -> embedded(port, home, persistent));
    }

    /** The broker {@value DevStack#MQTT_URL_ENV} names, else {@link #local} on a free port, in memory only. */
    public static Broker namedOrLocal(Path home) {
        String url = System.getenv(DevStack.MQTT_URL_ENV);
        return url != null && !url.isBlank() ? external(url) : local(0, home, false);
    }

    /** Mosquitto's executable, where Debian and most other systems install it. */
    public static Optional<Path> mosquittoBinary() {
        return MOSQUITTO.stream().filter(Files::isExecutable).findFirst();
    }

    /**
     * Starts HiveMQ CE on 127.0.0.1:{@code port} (0: any free port), its configuration and data under
     * {@code home}. With {@code persistent} false sessions and queues live in memory only.
     */
    public static Broker embedded(int port, Path home, boolean persistent) {
        int chosen = port > 0 ? port : FreePort.find();
        try {
            Path config = Files.createDirectories(home.resolve("conf"));
            Path data = Files.createDirectories(home.resolve("data"));
            Path extensions = Files.createDirectories(home.resolve("extensions"));
            Files.writeString(config.resolve("config.xml"), """
                    <?xml version="1.0"?>
                    <hivemq>
                        <listeners>
                            <tcp-listener>
                                <port>%d</port>
                                <bind-address>127.0.0.1</bind-address>
                            </tcp-listener>
                        </listeners>
                        <mqtt>
                            <queued-messages>
                                <max-queue-size>1000000</max-queue-size>
                                <strategy>discard</strategy>
                            </queued-messages>
                        </mqtt>
                        <persistence>
                            <mode>%s</mode>
                        </persistence>
                        <anonymous-usage-statistics>
                            <enabled>false</enabled>
                        </anonymous-usage-statistics>
                    </hivemq>
                    """.formatted(chosen, persistent ? "file" : "in-memory"));
            EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(config)
                    .withDataFolder(data)
                    .withExtensionsFolder(extensions)
                    .withoutLoggingBootstrap()
                    .build();
            hivemq.start().get(60, TimeUnit.SECONDS);
            return new Broker("127.0.0.1", chosen, hivemq, null, null, home, persistent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded MQTT broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the embedded MQTT broker did not start on port " + chosen, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the MQTT broker", e);
        }
    }

    /**
     * Starts Mosquitto on 127.0.0.1:{@code port} (0: any free port) with the limits k8s/'s broker has (10,000
     * messages in flight to a subscriber, which acknowledges after its commit; up to 1,000,000 queued for an absent
     * persistent session) and, when {@code persistent}, sessions and queues saved under {@code home} on shutdown
     * and every second. It runs as this JVM's user (started by root, Mosquitto would otherwise switch to its own
     * user and could not write its data here). A Mosquitto an earlier run left behind (its launcher
     * killed) is stopped first, so the port is free again.
     */
    public static Broker mosquitto(Path binary, int port, Path home, boolean persistent) {
        int chosen = port > 0 ? port : FreePort.find();
        try {
            Path dir = Files.createDirectories(home.resolve("mosquitto"));
            stopLeftOver(dir.resolve("mosquitto.pid"));
            Path config = dir.resolve("mosquitto.conf");
            Files.writeString(config, """
                    listener %d 127.0.0.1
                    allow_anonymous true
                    user %s
                    max_inflight_messages 10000
                    max_queued_messages 1000000
                    persistence %s
                    persistence_location %s/
                    autosave_interval 1
                    log_dest stdout
                    log_type error
                    log_type warning
                    log_type notice
                    """.formatted(chosen, System.getProperty("user.name"), persistent, dir.toAbsolutePath()));
            Process process = new ProcessBuilder(binary.toString(), "-c", config.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dir.resolve("mosquitto.log").toFile())).start();
            Files.writeString(dir.resolve("mosquitto.pid"), Long.toString(process.pid()));
            Instant deadline = Instant.now().plus(MOSQUITTO_START);
            while (!FreePort.isTaken(chosen)) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("Mosquitto did not start on port " + chosen + "; see "
                            + dir.resolve("mosquitto.log"));
                }
                Thread.sleep(50);
            }
            Broker broker = new Broker("127.0.0.1", chosen, null, process, binary, home, persistent);
            Runtime.getRuntime().addShutdownHook(new Thread(broker::stopMosquitto, "mosquitto-stop"));
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Mosquitto", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Mosquitto", e);
        }
    }

    /** An existing broker, e.g. {@code tcp://127.0.0.1:1883}. */
    public static Broker external(String url) {
        URI uri = URI.create(url);
        return new Broker(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 1883, null, null, null, null, false);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** True if this is a Mosquitto started here (which alternates between a share group's members). */
    public boolean isMosquitto() {
        return mosquitto != null;
    }

    /** True if this broker was started here, and so can be stopped and started again. */
    public boolean isStartedHere() {
        return embedded != null || mosquitto != null;
    }

    /** The broker's process: Mosquitto's, or this JVM when it is embedded; none if it runs elsewhere. */
    public OptionalLong pid() {
        if (mosquitto != null) {
            return OptionalLong.of(mosquitto.pid());
        }
        return embedded != null ? OptionalLong.of(ProcessHandle.current().pid()) : OptionalLong.empty();
    }

    /**
     * Stops this broker, waits {@code down}, and starts the same broker again on the same port with its persisted
     * sessions and queues, as a broker restart in production would.
     */
    public Broker restarted(Duration down) throws InterruptedException {
        if (!isStartedHere()) {
            throw new IllegalStateException("only a broker started here can be restarted");
        }
        close();
        Thread.sleep(down.toMillis());
        return mosquitto != null ? mosquitto(binary, port, home, persistent)
                : embedded(port, home, persistent);
    }

    @Override
    public void close() {
        stopMosquitto();
        if (embedded != null) {
            try {
                embedded.stop().get(30, TimeUnit.SECONDS);
                embedded.close();
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("the embedded MQTT broker did not stop", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // SIGTERM: Mosquitto saves its persistence file, then exits
    private void stopMosquitto() {
        if (mosquitto == null || !mosquitto.isAlive()) {
            return;
        }
        mosquitto.destroy();
        try {
            if (!mosquitto.waitFor(10, TimeUnit.SECONDS)) {
                mosquitto.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            mosquitto.destroyForcibly();
        }
    }

    private static void stopLeftOver(Path pidFile) throws IOException, InterruptedException {
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> left = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()))
                .filter(process -> process.info().command().map(command -> command.endsWith("mosquitto"))
                        .orElse(false));
        if (left.isPresent()) {
            left.get().destroy();
            try {
                left.get().onExit().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                left.get().destroyForcibly();
            }
        }
        Files.delete(pidFile);
    }

    @Override
    public String toString() {
        String kind = mosquitto != null ? "Mosquitto" : embedded != null ? "embedded HiveMQ CE" : "MQTT broker";
        return kind + " on " + host + ":" + port;
    }
}
