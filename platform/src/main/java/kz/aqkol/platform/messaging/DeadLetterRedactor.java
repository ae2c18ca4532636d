package kz.aqkol.platform.messaging;

/**
 * Rewrites a refused payload before it is kept or published, for a service whose messages may carry what must never
 * be stored in clear (camera-service pseudonymises licence plates). A service declares at most one as a CDI bean;
 * without one, dead letters keep the payload exactly as it arrived.
 */
public interface DeadLetterRedactor {

    /** The payload as it may be stored and published; {@code channel} is the intake channel that refused it. */
    byte[] redact(String channel, byte[] payload);

    /** The reason as it may be stored and published: a parser's message may quote a piece of the payload. */
    default String redactReason(String channel, String reason) {
        return reason;
    }
}
