package kz.aqkol.platform.ngsi;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An NGSI-LD error (ETSI GS CIM 009, clause 5.5.2): its type is one of the spec's error type URIs, each with the HTTP
 * status the spec gives it. The detail is shown to anyone, so it names only what the client sent wrongly.
 */
public class NgsiError extends RuntimeException {

    /** The error types the open-data endpoints answer with. */
    public enum Type {
        BAD_REQUEST_DATA("BadRequestData", 400, "Bad request data"),
        INVALID_REQUEST("InvalidRequest", 400, "Invalid request"),
        RESOURCE_NOT_FOUND("ResourceNotFound", 404, "Resource not found"),
        OPERATION_NOT_SUPPORTED("OperationNotSupported", 422, "Operation not supported"),
        INTERNAL_ERROR("InternalError", 500, "Internal error");

        private final String uri;
        private final int status;
        private final String title;

        Type(String name, int status, String title) {
            this.uri = "https://uri.etsi.org/ngsi-ld/errors/" + name;
            this.status = status;
            this.title = title;
        }

        public String uri() {
            return uri;
        }

        public int status() {
            return status;
        }
    }

    /** The ProblemDetails body (RFC 9457) of an NGSI-LD error. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Details(String type, String title, int status, String detail) {
    }

    private final Type type;
    private final int status;

    public NgsiError(Type type, String detail) {
        this(type, type.status, detail);
    }

    /** An error answered with another status than its type's own (405 for a write: the API is read-only). */
    public NgsiError(Type type, int status, String detail) {
        super(detail, null, false, false);
        this.type = type;
        this.status = status;
    }

    public static NgsiError badData(String detail) {
        return new NgsiError(Type.BAD_REQUEST_DATA, detail);
    }

    public int status() {
        return status;
    }

    public Details details() {
        return new Details(type.uri, type.title, status, getMessage());
    }
}
