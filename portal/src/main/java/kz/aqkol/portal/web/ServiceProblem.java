package kz.aqkol.portal.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** The {@code detail} of a service's RFC 9457 problem answer, for telling the person what was refused and why. */
public final class ServiceProblem {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServiceProblem() {
    }

    /**
     * The status with which a service refused the person's request (a 4xx other than 401), for the page to show
     * the refusal; anything else (the service failing, a token it did not take) is rethrown for the error page.
     */
    public static int refusal(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status < 400 || status >= 500 || status == 401) {
            throw e;
        }
        return status;
    }

    public static String detail(Response answer) {
        if (answer == null || !answer.hasEntity()) {
            return null;
        }
        try {
            answer.bufferEntity();
            JsonNode problem = JSON.readTree(answer.readEntity(String.class));
            String detail = problem.path("detail").asText("");
            return detail.isBlank() ? null : detail;
        } catch (RuntimeException | java.io.IOException e) {
            return null;
        }
    }
}
