package kz.aqkol.metering.consumption;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Roles;
import kz.aqkol.platform.web.Responses;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Gas calorific values by the day they take effect. Versions are added, never changed. */
@Path("/calorific-values")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Consumption")
public class CalorificValueResource {

    private final Caller caller;
    private final Clock clock;

    CalorificValueResource(Caller caller, Clock clock) {
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @WithSession
    @RolesAllowed(Roles.OPERATOR)
    public Uni<List<CalorificValueView>> list() {
        return Panache.getSession().chain(session -> session
                        .createSelectionQuery("from CalorificValue order by effectiveFrom", CalorificValue.class)
                        .getResultList())
                .map(values -> values.stream().map(CalorificValueView::of).toList());
    }

    @POST
    @WithTransaction
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Add the calorific value in force from a day on")
    public Uni<RestResponse<CalorificValueView>> add(@NotNull @Valid NewCalorificValue request) {
        CalorificValue value = new CalorificValue();
        value.effectiveFrom = request.effectiveFrom();
        value.mjPerM3 = request.mjPerM3();
        value.reason = request.reason();
        value.setBy = caller.name();
        value.setAt = Instant.now(clock);
        return Panache.getSession().chain(session -> session.find(CalorificValue.class, request.effectiveFrom())
                .invoke(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict("a calorific value takes effect on " + request.effectiveFrom()
                                + " already; add one for another day");
                    }
                })
                .chain(() -> session.persist(value)))
                .map(v -> Responses.created("/calorific-values", CalorificValueView.of(value)));
    }

    public record NewCalorificValue(@NotNull LocalDate effectiveFrom,
                                    @NotNull @DecimalMin("20") @DecimalMax("60") BigDecimal mjPerM3,
                                    @NotBlank @Size(max = 500) String reason) {
    }

    public record CalorificValueView(LocalDate effectiveFrom, BigDecimal mjPerM3, String reason, String setBy,
                                     Instant setAt) {
        static CalorificValueView of(CalorificValue v) {
            return new CalorificValueView(v.effectiveFrom, v.mjPerM3.stripTrailingZeros(), v.reason, v.setBy, v.setAt);
        }
    }
}
