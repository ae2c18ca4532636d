package kz.aqkol.camera.transparency;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import kz.aqkol.camera.config.CameraConfig;
import kz.aqkol.platform.problem.Problem;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.problem.ProblemType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Public: what the cameras saw and who looked, in aggregate, per closed calendar month. No token needed. */
@Path("/transparency/report")
@Tag(name = "Transparency")
public class TransparencyResource {

    private static final int MAX_CLIENTS = 10_000;

    private final TransparencyService service;
    private final RateLimiter limiter;
    private final Clock clock;

    TransparencyResource(TransparencyService service, CameraConfig config, Clock clock) {
        this.service = service;
        this.limiter = new RateLimiter(config.reportRateLimit(), config.reportRateWindow(), MAX_CLIENTS);
        this.clock = clock;
    }

    @GET
    @PermitAll
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Counts of cameras, events, grants, exports, watch-list entries, purges and accesses in one"
            + " closed calendar month (period=YYYY-MM; default the last one); small counts suppressed. JSON, or CSV"
            + " with Accept: text/csv or format=csv. Rate-limited per client address")
    public Uni<RestResponse<Object>> report(@QueryParam("period") String period, @QueryParam("from") String from,
                                            @QueryParam("to") String to, @QueryParam("format") String format,
                                            @Context HttpHeaders headers, @Context HttpServerRequest request) {
        Instant now = Instant.now(clock);
        Duration wait = limiter.acquire(client(request), now);
        if (wait != null) {
            return Uni.createFrom().item(tooManyRequests(wait));
        }
        if (from != null || to != null) {
            throw ProblemException.invalid(from != null ? "from" : "to", "is not taken: the report is published for"
                    + " whole calendar months only; pass period=YYYY-MM");
        }
        ReportPeriod month = ReportPeriod.parse(period, now);
        if (format != null && !format.equals("csv") && !format.equals("json")) {
            throw ProblemException.invalid("format", "must be json or csv");
        }
        boolean csv = "csv".equals(format) || format == null && headers.getAcceptableMediaTypes().stream()
                .anyMatch(m -> m.getType().equals("text") && m.getSubtype().equals("csv"));
        return service.report(month).map(report -> csv
                ? RestResponse.ResponseBuilder.ok((Object) service.csv(report), "text/csv").build()
                : RestResponse.ResponseBuilder.ok((Object) report, MediaType.APPLICATION_JSON_TYPE).build());
    }

    private static String client(HttpServerRequest request) {
        SocketAddress address = request.remoteAddress();
        return address == null ? "unknown" : address.hostAddress();
    }

    private static RestResponse<Object> tooManyRequests(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        ProblemType type = ProblemType.TOO_MANY_REQUESTS;
        Problem problem = new Problem(type.uri(), type.title(), type.status(), "too many reports asked for from your"
                + " address; ask again in " + seconds + " s", "/transparency/report", List.of());
        return RestResponse.ResponseBuilder.create(RestResponse.Status.TOO_MANY_REQUESTS, (Object) problem)
                .type(Problem.MEDIA_TYPE)
                .header("Retry-After", Long.toString(seconds)).build();
    }
}
