package kz.aqkol.platform.problem;

/** The stable problem types of the platform, with their status and title. */
public enum ProblemType {
    VALIDATION("validation", 400, "The request is not valid"),
    MALFORMED("malformed-request", 400, "The request body cannot be read"),
    UNAUTHENTICATED("unauthenticated", 401, "Authentication required"),
    FORBIDDEN("forbidden", 403, "Not allowed for your role"),
    NOT_FOUND("not-found", 404, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable"),
    CONFLICT("conflict", 409, "Conflict with the current state"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    UNPROCESSABLE("unprocessable", 422, "The request cannot be carried out"),
    TOO_MANY_REQUESTS("rate-limited", 429, "Too many requests"),
    UNAVAILABLE("unavailable", 503, "Temporarily unavailable"),
    INTERNAL("internal", 500, "Internal error");

    private final String uri;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.uri = "urn:aqkol:problem:" + slug;
        this.status = status;
        this.title = title;
    }

    public String uri() {
        return uri;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The type for an HTTP status the platform did not raise itself (a framework's 405, 406, 415 …). */
    static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status && type != MALFORMED) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL : VALIDATION;
    }
}
