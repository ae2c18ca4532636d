package kz.aqkol.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error this platform answers with
 * ({@code application/problem+json}). {@code type} is stable and names the kind of problem; {@code errors} lists
 * the offending fields of a request that failed validation.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field: {@code field} is the path a client sent ({@code zone}, {@code lines[2].amount}). */
    @RegisterForReflection
    public record FieldError(String field, String message) {
    }
}
