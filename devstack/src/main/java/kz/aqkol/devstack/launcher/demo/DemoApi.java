package kz.aqkol.devstack.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kz.aqkol.devstack.DevTokens;
import kz.aqkol.devstack.launcher.CommandFailure;
import kz.aqkol.devstack.launcher.LocalStack;
import kz.aqkol.devstack.launcher.Role;
import kz.aqkol.devstack.launcher.Service;
import kz.aqkol.devstack.launcher.ServiceApi;
import kz.aqkol.devstack.simulator.Village;

/**
 * The demo's people at the services' REST APIs: an operator, an auditor and each household's resident, each with
 * a dev token. Any answer of 300 or more fails the demo with the request and the answer.
 */
final class DemoApi {

    static final ObjectMapper JSON = new ObjectMapper();

    private final LocalStack local;
    final String operator;
    final String auditor;
    private final Map<String, String> residents = new HashMap<>();

    DemoApi(LocalStack local, Village village) {
        this.local = local;
        DevTokens tokens = local.stack().tokens();
        operator = Role.OPERATOR.token(tokens, "demo-operator");
        auditor = Role.AUDITOR.token(tokens, "demo-auditor");
        for (Village.Household household : village.households()) {
            residents.put(household.account(), Role.RESIDENT.token(tokens, household.account()));
        }
    }

    String url(Service service) {
        return local.url(service);
    }

    /** The token of the resident whose account number that is. */
    String resident(String account) {
        return residents.get(account);
    }

    JsonNode call(String method, String url, String token, JsonNode body) {
        HttpResponse<String> response = send(method, url, token, body, Map.of());
        return response.body().isBlank() ? JSON.createObjectNode() : parse(response.body());
    }

    /** The operator reads a resident's data, stating why as staff must. */
    JsonNode staffRead(String url, String purpose) {
        return parse(send("GET", url, operator, null, Map.of("X-Purpose", purpose)).body());
    }

    HttpResponse<String> send(String method, String url, String token, JsonNode body, Map<String, String> headers) {
        try {
            HttpResponse<String> response = ServiceApi.send(method, url, token,
                    body == null ? null : body.toString().getBytes(StandardCharsets.UTF_8), headers);
            if (response.statusCode() >= 300) {
                throw CommandFailure.failed("%s %s answered %d: %s%nrequest: %s".formatted(method, url,
                        response.statusCode(), response.body(), body));
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url, e);
        }
    }

    /**
     * A resident pays as a payer would: the pay action opens a payment intent and a checkout at the payment sandbox
     * (nothing is credited yet), the payer confirms the checkout there, and the sandbox's signed callback is what
     * credits the account. The pay action's answer is returned (a replay of it, for a repeated key).
     */
    HttpResponse<String> pay(String account, String key, long tiyn, boolean toWallet) {
        ObjectNode body = JSON.createObjectNode().put("amountTiyn", tiyn).put("currency", "KZT")
                .put("toWallet", toWallet);
        HttpResponse<String> intent = send("POST", url(Service.BILLING) + "/me/payments", resident(account), body,
                Map.of("Idempotency-Key", key));
        String reference = parse(intent.body()).path("providerReference").asText();
        JsonNode confirmed = call("POST", local.paymentSandboxUrl() + "/checkouts/" + reference + "/confirm", null,
                null);
        if (confirmed.path("callbackStatus").asInt() != 200) {
            throw CommandFailure.failed("the payment sandbox's confirmation of %s was answered %d by billing: %s"
                    .formatted(reference, confirmed.path("callbackStatus").asInt(),
                            confirmed.path("callbackBody").asText()));
        }
        return intent;
    }

    /** Every alert alert-service holds, page by page. */
    List<JsonNode> alerts() {
        List<JsonNode> alerts = new ArrayList<>();
        String before = null;
        do {
            String query = "/alerts?limit=500" + (before == null ? ""
                    : "&before=" + URLEncoder.encode(before, StandardCharsets.UTF_8));
            JsonNode page = call("GET", url(Service.ALERT) + query, operator, null);
            page.path("items").forEach(alerts::add);
            before = page.path("next").isTextual() ? page.path("next").asText() : null;
        } while (before != null);
        return alerts;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }
}
