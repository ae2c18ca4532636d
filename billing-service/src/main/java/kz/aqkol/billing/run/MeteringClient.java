package kz.aqkol.billing.run;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * metering-service's consumption API, as billing calls it (base URL: quarkus.rest-client.metering.url), with
 * billing-service's own token for metering-service from the identity provider (client credentials).
 */
@RegisterRestClient(configKey = "metering")
@OidcClientFilter
@Path("/")
public interface MeteringClient {

    @POST
    @Path("consumption/periods")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<List<MeterPeriod>> periods(MeterPeriod.Query query);
}
