package kz.aqkol.alert.alertmanager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import java.lang.annotation.Annotation;
import kz.aqkol.platform.problem.Problem;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Errors on Alertmanager's API in the shape its clients read: Alertmanager's OpenAPI document answers a bad request
 * and an internal error (and a silence not found on update) with a JSON string, {@code application/json}. Its Go
 * clients ({@code amtool}, Grafana) pick a decoder by content type and have none for problem+json, so the
 * problem's detail is sent as that string instead, with the same status.
 */
public class AlertmanagerErrors {

    private static final String PREFIX = "/api/v2/";

    private final ObjectMapper json;

    AlertmanagerErrors(ObjectMapper json) {
        this.json = json;
    }

    @ServerResponseFilter
    public void asAlertmanager(ContainerRequestContext request, ContainerResponseContext response)
            throws JsonProcessingException {
        if (response.getEntity() instanceof Problem problem
                && request.getUriInfo().getPath().startsWith(PREFIX)) {
            response.setEntity(json.writeValueAsString(problem.detail()), new Annotation[0],
                    MediaType.APPLICATION_JSON_TYPE);
        }
    }
}
