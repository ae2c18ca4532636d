package kz.aqkol.alert.alert;

import java.util.Optional;
import kz.aqkol.platform.security.Caller;

/**
 * An alarm speaks only for its sender. The source of an alert is who sent it, never what the message claims: a
 * service (role {@code service}, including Prometheus and Alertmanager clients) under its token's subject or, over
 * MQTT, the service named by its topic {@code aqkol/v1/alerts/<service>}; a person under {@code person.<subject>},
 * a name no service has, so a person's alert never folds into, nor resolves, a service's. A message whose
 * {@code source} names anyone else is refused (403 over REST, a dead letter over MQTT) rather than rewritten: the
 * sender learns at once that the alert was not taken, instead of raising or resolving something they did not mean.
 */
public record Sender(String source) {

    static final String PERSON = "person.";

    /** The caller of a request: a person if they hold any person's role, a service otherwise. */
    public static Sender of(Caller caller) {
        return caller.isPerson() ? person(caller.name()) : service(caller.name());
    }

    public static Sender service(String subject) {
        return new Sender(subject);
    }

    public static Sender person(String subject) {
        return new Sender(PERSON + subject);
    }

    public boolean isPerson() {
        return source.startsWith(PERSON);
    }

    /** Why a message claiming {@code claimed} as its source is not this sender's to send, if it is not. */
    public Optional<String> refuses(String claimed) {
        if (source.equals(claimed)) {
            return Optional.empty();
        }
        return Optional.of("an alert speaks only for its sender: " + source + " cannot raise or resolve alerts of "
                + claimed + (isPerson() ? "; staff resolve another's alert through POST /alerts/{id}/resolve" : ""));
    }
}
