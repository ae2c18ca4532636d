package kz.aqkol.devstack.test;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import kz.aqkol.contracts.AuditCheckpoint;
import kz.aqkol.contracts.CheckpointSigning;
import kz.aqkol.contracts.Codec;
import kz.aqkol.contracts.ContractViolation;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.DevStack;
import kz.aqkol.devstack.MqttTestClient;

/**
 * A witness of the services' audit chains for the tests of one service, standing in for the other three services:
 * it subscribes to {@code aqkol/v1/audit/checkpoints/+} on the test broker, keeps every checkpoint whose signature
 * verifies with its service's public key, and answers {@code GET /audit/checkpoints?service=&limit=} as the services
 * do. It holds what the service published, outside the service's database, which is all a witness is for.
 */
public final class CheckpointWitness {

    private final HttpServer server;
    private final MqttTestClient subscriber;
    private final Path publicKeys;

    private CheckpointWitness(HttpServer server, MqttTestClient subscriber, Path publicKeys) {
        this.server = server;
        this.subscriber = subscriber;
        this.publicKeys = publicKeys;
    }

    /** Starts a witness on a free local port, listening on the stack's broker. */
    static CheckpointWitness start(DevStack stack) {
        MqttTestClient subscriber = MqttTestClient.connect(stack.broker().host(), stack.broker().port(),
                "test-witness-" + UUID.randomUUID().toString().substring(0, 8)).subscribe(Topics.AUDIT_CHECKPOINTS);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            CheckpointWitness witness = new CheckpointWitness(server, subscriber,
                    stack.auditKeys().publicKeysDirectory());
            server.createContext("/audit/checkpoints", witness::answer);
            server.start();
            return witness;
        } catch (IOException e) {
            subscriber.close();
            throw new UncheckedIOException("cannot start the test witness", e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        String service = query.get("service");
        int limit = Integer.parseInt(query.getOrDefault("limit", "20"));
        String witnessed = subscriber.received().stream()
                .map(received -> parse(received.payload()))
                .flatMap(Optional::stream)
                .filter(checkpoint -> service == null || service.equals(checkpoint.service()))
                .filter(this::signed)
                .sorted(Comparator.comparing(AuditCheckpoint::occurredAt).reversed())
                .limit(limit)
                .map(checkpoint -> new String(Codec.write(checkpoint), UTF_8))
                .collect(Collectors.joining(",", "[", "]"));
        byte[] body = ("{\"service\":\"test-witness\",\"signed\":[],\"witnessed\":" + witnessed
                + ",\"publicKeys\":{}}").getBytes(UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static Optional<AuditCheckpoint> parse(byte[] payload) {
        try {
            return Optional.of(Codec.read(payload, AuditCheckpoint.class));
        } catch (ContractViolation e) {
            return Optional.empty();
        }
    }

    private boolean signed(AuditCheckpoint checkpoint) {
        Path file = publicKeys.resolve(checkpoint.service() + ".pem");
        try {
            PublicKey key = CheckpointSigning.publicKey(Files.readString(file));
            return CheckpointSigning.verifies(key, checkpoint);
        } catch (IOException | GeneralSecurityException e) {
            return false;
        }
    }
}
