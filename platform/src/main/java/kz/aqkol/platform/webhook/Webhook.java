package kz.aqkol.platform.webhook;

import java.util.Map;

/**
 * One request to send: {@code body} (JSON) POSTed to {@code url}, signed with {@code signingKey} (see
 * {@link kz.aqkol.contracts.WebhookSigner}) unless it is null, with the service's own {@code headers} beside.
 */
public record Webhook(String url, String body, String signingKey, Map<String, String> headers) {

    public Webhook {
        headers = Map.copyOf(headers);
    }
}
