package kz.aqkol.billing.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * billing-service's own bearer token (role {@code service}) for metering-service, from configuration
 * ({@code aqkol.billing.metering.token}, in a cluster from a Secret). Absent: no Authorization header.
 */
@ApplicationScoped
public class MeteringCredentials implements ClientHeadersFactory {

    @ConfigProperty(name = "aqkol.billing.metering.token")
    Optional<String> token;

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
                                                 MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        token.filter(t -> !t.isBlank()).ifPresent(t -> headers.add("Authorization", "Bearer " + t));
        return headers;
    }
}
