package kz.aqkol.portal.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;

/** The {@code detail} of a service's RFC 9457 problem answer, for telling the person what was refused and why. */
public final class ServiceProblem {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServiceProblem() {
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
