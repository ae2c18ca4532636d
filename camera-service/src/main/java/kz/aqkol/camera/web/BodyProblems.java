package kz.aqkol.camera.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import kz.aqkol.platform.problem.ProblemMappers;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Sends unreadable bodies through the platform's problem+json mapping. Quarkus' own mappers for
 * {@link MismatchedInputException} (a wrong type, an unknown enum constant) and {@link JsonParseException} are more
 * specific than the platform's {@code JacksonException} mapper, so without these they would answer plain JSON.
 * (A platform-wide fix belongs in ProblemMappers; this keeps camera-service's answers right meanwhile.)
 */
class BodyProblems {

    private final ProblemMappers platform = new ProblemMappers();

    @ServerExceptionMapper
    Response mismatched(MismatchedInputException e, UriInfo uri) {
        return platform.unreadable(e, uri);
    }

    @ServerExceptionMapper
    Response unparsable(JsonParseException e, UriInfo uri) {
        return platform.unreadable(e, uri);
    }
}
