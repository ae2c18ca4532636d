package kz.aqkol.alert.silence;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import kz.aqkol.alert.routing.Matcher;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Roles;
import kz.aqkol.platform.web.Responses;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/silences")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Silences")
public class SilenceResource {

    private final SilenceService silences;
    private final Caller caller;
    private final Clock clock;

    SilenceResource(SilenceService silences, Caller caller, Clock clock) {
        this.silences = silences;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER})
    @Operation(summary = "Silence matching alerts until endsAt: they are kept, but nobody is notified")
    public Uni<RestResponse<SilenceView>> create(@NotNull @Valid SilenceRequest request) {
        return silences.create(request.matchers(), request.startsAt(), request.endsAt(), request.comment(),
                        caller)
                .map(s -> Responses.created("/silences/" + s.id, SilenceView.of(s, Instant.now(clock))));
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER, Roles.AUDITOR})
    public Uni<List<SilenceView>> list(@QueryParam("expired") @DefaultValue("false") boolean expired) {
        Instant now = Instant.now(clock);
        return silences.list(expired).map(list -> list.stream().map(s -> SilenceView.of(s, now)).toList());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER})
    @Operation(summary = "Expire a silence now")
    public Uni<SilenceView> expire(@PathParam("id") UUID id) {
        return silences.expire(id, caller).map(s -> SilenceView.of(s, Instant.now(clock)));
    }

    public record SilenceRequest(@NotEmpty @Size(max = 20) List<@NotNull Matcher> matchers, Instant startsAt,
                                 @NotNull Instant endsAt, @NotBlank @Size(max = 1000) String comment) {
    }

    public record SilenceView(UUID id, List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
                              String comment, String state) {
        static SilenceView of(Silence s, Instant now) {
            return new SilenceView(s.id, s.matchers.all(), s.startsAt, s.endsAt, s.createdBy, s.comment, s.state(now));
        }
    }
}
