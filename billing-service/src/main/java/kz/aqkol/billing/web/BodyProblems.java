package kz.aqkol.billing.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import kz.aqkol.platform.problem.Problem;
import kz.aqkol.platform.problem.ProblemType;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A body of the wrong shape (an unknown enum value, a string for a number) answered as problem+json naming the
 * field. The platform maps Jackson's exceptions likewise, but Quarkus's own mapper for MismatchedInputException
 * is more specific and would otherwise answer with plain JSON; this one is more specific still.
 */
public class BodyProblems {

    @ServerExceptionMapper(priority = 1)
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        String field = path(e);
        String message = e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()
                ? "must be one of " + names(invalid.getTargetType()) : "has the wrong type or format";
        List<Problem.FieldError> errors = field.isEmpty() ? List.of() : List.of(new Problem.FieldError(field, message));
        ProblemType type = field.isEmpty() ? ProblemType.MALFORMED : ProblemType.VALIDATION;
        String detail = field.isEmpty() ? "The body is not valid JSON for this request" : field + " " + message;
        return Response.status(type.status()).type(Problem.MEDIA_TYPE)
                .entity(new Problem(type.uri(), type.title(), type.status(), detail, uri.getPath(), errors)).build();
    }

    private static String names(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            names.add(((Enum<?>) constant).name());
        }
        return String.join(", ", names);
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
