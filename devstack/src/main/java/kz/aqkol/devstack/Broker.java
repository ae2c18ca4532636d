package kz.aqkol.devstack;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real MQTT broker with shared subscriptions: HiveMQ Community Edition embedded in this JVM, or an existing
 * broker named by a URL such as {@code tcp://127.0.0.1:1883}.
 */
public final class Broker implements AutoCloseable {

    private final String host;
    private final int port;
    private final EmbeddedHiveMQ embedded;

    private Broker(String host, int port, EmbeddedHiveMQ embedded) {
        this.host = host;
        this.port = port;
        this.embedded = embedded;
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
            inFlightWindow();
            EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(config)
                    .withDataFolder(data)
                    .withExtensionsFolder(extensions)
                    .withoutLoggingBootstrap()
                    .build();
            hivemq.start().get(60, TimeUnit.SECONDS);
            return new Broker("127.0.0.1", chosen, hivemq);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded MQTT broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the embedded MQTT broker did not start on port " + chosen, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the MQTT broker", e);
        }
    }

    /** Experiment: HiveMQ CE's per-subscriber window of unacknowledged messages (its default: 50). */
    private static void inFlightWindow() {
        String window = System.getProperty("aqkol.broker.inflight-window");
        if (window != null) {
            com.hivemq.configuration.service.InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES =
                    Integer.parseInt(window);
        }
        String poll = System.getProperty("aqkol.broker.poll-batch");
        if (poll != null) {
            com.hivemq.configuration.service.InternalConfigurations.PUBLISH_POLL_BATCH_SIZE = Integer.parseInt(poll);
        }
    }

    /** An existing broker, e.g. {@code tcp://127.0.0.1:1883}. */
    public static Broker external(String url) {
        URI uri = URI.create(url);
        return new Broker(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 1883, null);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    @Override
    public void close() {
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

    @Override
    public String toString() {
        return (embedded != null ? "embedded MQTT broker" : "MQTT broker") + " on " + host + ":" + port;
    }
}
