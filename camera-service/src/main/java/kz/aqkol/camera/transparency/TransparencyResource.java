package kz.aqkol.camera.transparency;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import kz.aqkol.camera.event.Params;
import kz.aqkol.platform.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Public: what the cameras saw and who looked, in aggregate. No token needed. */
@Path("/transparency/report")
@Tag(name = "Transparency")
public class TransparencyResource {

    private static final Duration MAX_SPAN = Duration.ofDays(5 * 366);

    private final TransparencyService service;
    private final Clock clock;

    TransparencyResource(TransparencyService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @GET
    @PermitAll
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Counts of cameras, events, grants, exports, purges and accesses; small counts suppressed."
            + " JSON, or CSV with Accept: text/csv or format=csv. Default: the last 365 days")
    public Uni<RestResponse<Object>> report(@QueryParam("from") String from, @QueryParam("to") String to,
                                            @QueryParam("format") String format,
                                            @jakarta.ws.rs.core.Context HttpHeaders headers) {
        Instant end = Params.instant("to", to);
        end = end == null ? Instant.now(clock) : end;
        Instant start = Params.instant("from", from);
        start = start == null ? end.minus(Duration.ofDays(365)) : start;
        if (!start.isBefore(end)) {
            throw ProblemException.invalid("to", "must be after from");
        }
        if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
            throw ProblemException.invalid("from", "must be at most five years before to");
        }
        if (format != null && !format.equals("csv") && !format.equals("json")) {
            throw ProblemException.invalid("format", "must be json or csv");
        }
        boolean csv = "csv".equals(format) || format == null && headers.getAcceptableMediaTypes().stream()
                .anyMatch(m -> m.getType().equals("text") && m.getSubtype().equals("csv"));
        return service.report(start, end).map(report -> csv
                ? RestResponse.ResponseBuilder.ok((Object) service.csv(report), "text/csv").build()
                : RestResponse.ResponseBuilder.ok((Object) report, MediaType.APPLICATION_JSON_TYPE).build());
    }
}
