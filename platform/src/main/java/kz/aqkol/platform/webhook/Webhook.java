package kz.aqkol.platform.webhook;

import java.util.Map;

/**
 * One request to send: {@code body} (JSON) POSTed to {@code url}, signed with {@code signingKey} (see
 * {@link kz.aqkol.contracts.WebhookSigner}) unless it is null, with the service's own {@code headers} beside; sent in
 * the trace {@code traceparent} names (the request's {@code traceparent} header is a child of it), or in a trace of
 * its own if that is null.
 */
public record Webhook(String url, String body, String signingKey, Map<String, String> headers, String traceparent) {

    public Webhook {
        headers = Map.copyOf(headers);
    }

    /** A webhook in a trace of its own. */
    public Webhook(String url, String body, String signingKey, Map<String, String> headers) {
        this(url, body, signingKey, headers, null);
    }
}
