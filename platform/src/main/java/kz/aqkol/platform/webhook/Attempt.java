package kz.aqkol.platform.webhook;

/**
 * What one try came to: the receiver's HTTP status, or the error that kept it from answering (at most
 * {@value #MAX_ERROR} characters), and how long it took. {@code refused}: the target was not one this deployment
 * may call ({@link WebhookTargets}), so no request was made.
 */
public record Attempt(Integer status, String error, long durationMs, boolean refused) {

    static final int MAX_ERROR = 500;

    static Attempt answered(int status, long durationMs) {
        return new Attempt(status, null, durationMs, false);
    }

    static Attempt failed(String error, long durationMs) {
        return new Attempt(null, error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error, durationMs, false);
    }

    static Attempt refused(String reason, long durationMs) {
        return new Attempt(null, "webhook target " + reason, durationMs, true);
    }

    public boolean delivered() {
        return status != null && status >= 200 && status < 300;
    }

    /** The status as {@code HTTP <status>}, or the error. */
    public String describe() {
        return status != null ? "HTTP " + status : error;
    }
}
