package kz.aqkol.billing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * metering-service's consumption API as a real HTTP server on a free port ({@code POST /consumption/periods}, the
 * same JSON shape), so bill runs are tested over real HTTP with timeouts, retries and the circuit breaker. Tests
 * set a meter's consumption and quality, or make a meter fail (503, as a metering-service that cannot answer for
 * it); any other meter gets a consumption derived from its id and the period. Like metering-service, it answers
 * 401 unless the caller is billing-service with a token for metering-service (the token billing got for itself from
 * the test stack's token endpoint).
 */
public class FakeMetering implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Spec> SPECS = new ConcurrentHashMap<>();
    private static final Set<String> FAILING = ConcurrentHashMap.newKeySet();
    static final AtomicInteger REQUESTS = new AtomicInteger();
    /** The traceparent header of the last request that asked for each meter. */
    private static final Map<String, String> TRACEPARENTS = new ConcurrentHashMap<>();
    private static HttpServer server;

    /** What metering-service answers for a meter. */
    public record Spec(String utility, String unit, BigDecimal consumption, String quality) {
    }

    public static void set(String meter, String utility, String consumption, String quality) {
        SPECS.put(meter, new Spec(utility, utility.equals("ELECTRICITY") ? "KWH" : "M3", new BigDecimal(consumption),
                quality));
    }

    public static void failing(String meter, boolean failing) {
        if (failing) {
            FAILING.add(meter);
        } else {
            FAILING.remove(meter);
        }
    }

    /** The traceparent billing sent with its last request for {@code meter}, or null. */
    public static String traceparent(String meter) {
        return TRACEPARENTS.get(meter);
    }

    /** The consumption any unset meter gets: 0–299.999 m³, from the meter id and the period start. */
    public static BigDecimal derived(String meter, String from) {
        int h = Math.floorMod((meter + from).hashCode(), 300_000);
        return BigDecimal.valueOf(h, 3);
    }

    /** Whether the bearer token's claims say subject billing-service, audience metering-service, role service. */
    private static boolean fromBillingForMetering(String authorization) throws IOException {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        String[] parts = authorization.substring(7).split("\\.");
        if (parts.length != 3) {
            return false;
        }
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        return "billing-service".equals(claims.path("sub").asText())
                && claims.path("aud").toString().contains("\"metering-service\"")
                && claims.path("groups").toString().contains("\"service\"");
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/consumption/periods", exchange -> {
                REQUESTS.incrementAndGet();
                try (exchange) {
                    if (!fromBillingForMetering(exchange.getRequestHeaders().getFirst("Authorization"))) {
                        exchange.sendResponseHeaders(401, -1);
                        return;
                    }
                    JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
                    String from = request.path("from").asText();
                    String to = request.path("to").asText();
                    ArrayNode answer = JSON.createArrayNode();
                    String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
                    for (JsonNode m : request.path("meters")) {
                        String meter = m.asText();
                        if (traceparent != null) {
                            TRACEPARENTS.put(meter, traceparent);
                        }
                        if (FAILING.contains(meter)) {
                            byte[] body = "{\"title\":\"unavailable\"}".getBytes(UTF_8);
                            exchange.sendResponseHeaders(503, body.length);
                            exchange.getResponseBody().write(body);
                            return;
                        }
                        Spec spec = SPECS.getOrDefault(meter, new Spec("GAS", "M3", derived(meter, from),
                                "MEASURED"));
                        BigDecimal start = BigDecimal.valueOf(Math.floorMod(meter.hashCode(), 10_000), 0)
                                .setScale(3, RoundingMode.UNNECESSARY);
                        ObjectNode period = answer.addObject();
                        period.put("meterId", meter);
                        period.put("utility", spec.utility());
                        period.put("unit", spec.unit());
                        period.put("from", from);
                        period.put("to", to);
                        ObjectNode startRegister = period.putObject("startRegister");
                        startRegister.put("at", from);
                        startRegister.put("value", start);
                        startRegister.put("quality", "MEASURED");
                        ObjectNode endRegister = period.putObject("endRegister");
                        endRegister.put("at", to);
                        endRegister.put("value", start.add(spec.consumption()));
                        endRegister.put("quality", spec.quality());
                        period.put("consumption", spec.consumption());
                        period.put("quality", spec.quality());
                        period.put("method", "ESTIMATED".equals(spec.quality()) ? "linear" : null);
                    }
                    byte[] body = JSON.writeValueAsBytes(answer);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                } catch (RuntimeException e) {
                    exchange.sendResponseHeaders(500, -1);
                }
            });
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("quarkus.rest-client.metering.url",
                "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
