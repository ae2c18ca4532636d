package kz.aqkol.platform.problem;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import kz.aqkol.contracts.ContractViolation;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every error a request can meet into RFC 9457 problem+json: the platform's own problems, validation failures
 * naming the field, unreadable bodies, authentication and authorisation refusals, the framework's 404/405/415, and
 * anything unexpected (logged with a reference; the client sees the reference, never a stack trace or class name).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.type(), e.getMessage(), e.errors(), uri);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(field(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        return respond(ProblemType.VALIDATION, summary(errors), errors, uri);
    }

    @ServerExceptionMapper
    public Response unreadable(JacksonException e, UriInfo uri) {
        return body(e, uri);
    }

    /* quarkus-rest-jackson maps these two subtypes itself, to plain JSON; naming them here makes ours the closer. */

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return body(e, uri);
    }

    @ServerExceptionMapper
    public Response unparseable(JsonParseException e, UriInfo uri) {
        return body(e, uri);
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(ProblemType.FORBIDDEN, "Your role does not allow this request", List.of(), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JacksonException jackson) {
            return body(jackson, uri);
        }
        int status = e.getResponse().getStatus();
        ProblemType type = ProblemType.forStatus(status);
        String detail = status == 404 ? "No resource at " + uri.getPath() : type.title();
        return Response.fromResponse(respond(type, detail, List.of(), uri)).status(status).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error answering %s (reference %s)", uri.getPath(), reference);
        return respond(ProblemType.INTERNAL, "Something went wrong on our side; reference " + reference, List.of(),
                uri);
    }

    static Response respond(ProblemType type, String detail, List<Problem.FieldError> errors, UriInfo uri) {
        Problem problem = new Problem(type.uri(), type.title(), type.status(), detail,
                uri == null ? null : uri.getPath(), errors);
        return Response.status(type.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static Response unauthenticated(UriInfo uri) {
        return Response.fromResponse(respond(ProblemType.UNAUTHENTICATED,
                        "Send a valid bearer token in the Authorization header", List.of(), uri))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    private static Response body(JacksonException e, UriInfo uri) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ContractViolation violation && violation.field() != null) {
                return fieldProblem(violation.field(), violation.reason(), uri);
            }
            if (cause instanceof IllegalArgumentException illegal && e instanceof JsonMappingException mapping) {
                return fieldProblem(path(mapping), illegal.getMessage(), uri);
            }
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String message = mapping instanceof InvalidFormatException invalid && invalid.getTargetType().isEnum()
                    ? "must be one of " + String.join(", ", enumNames(invalid.getTargetType()))
                    : "has the wrong type or format";
            return fieldProblem(path(mapping), message, uri);
        }
        return respond(ProblemType.MALFORMED, "The body is not valid JSON for this request", List.of(), uri);
    }

    private static Response fieldProblem(String field, String message, UriInfo uri) {
        List<Problem.FieldError> errors = List.of(new Problem.FieldError(field, message));
        return respond(ProblemType.VALIDATION, summary(errors), errors, uri);
    }

    private static String summary(List<Problem.FieldError> errors) {
        StringBuilder detail = new StringBuilder();
        for (Problem.FieldError error : errors) {
            detail.append(detail.isEmpty() ? "" : "; ").append(error.field()).append(' ').append(error.message());
        }
        return detail.toString();
    }

    private static List<String> enumNames(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            names.add(((Enum<?>) constant).name());
        }
        return names;
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
        return path.isEmpty() ? "body" : path.toString();
    }

    /**
     * The field as the client knows it: a query or path parameter by its name, a body property by its path without
     * the Java method and parameter names ({@code create.request.lines[2].amount} becomes {@code lines[2].amount}).
     */
    static String field(Path path) {
        String method = null;
        String parameter = null;
        boolean property = false;
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD -> method = node.getName();
                case PARAMETER -> parameter = node.getName();
                case PROPERTY, CONTAINER_ELEMENT -> property = true;
                default -> {
                }
            }
        }
        String full = path.toString();
        if (!property) {
            return parameter != null ? parameter : full;
        }
        String prefix = (method == null ? "" : method + ".") + (parameter == null ? "" : parameter + ".");
        return full.startsWith(prefix) ? full.substring(prefix.length()) : full;
    }
}
