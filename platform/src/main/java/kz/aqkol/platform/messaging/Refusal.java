package kz.aqkol.platform.messaging;

/**
 * A well-formed message a handler will not accept (an unknown meter, a unit that does not match): it goes to the
 * dead-letter topic with this reason. {@code field} names the offending field when one is to blame.
 */
public record Refusal(Inbound<?> inbound, String field, String reason) {

    public static Refusal of(Inbound<?> inbound, String field, String reason) {
        return new Refusal(inbound, field, reason);
    }
}
