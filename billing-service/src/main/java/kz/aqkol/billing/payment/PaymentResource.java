package kz.aqkol.billing.payment;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import kz.aqkol.platform.web.Page;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Payments, each with an {@code Idempotency-Key} (1–255 characters, unique per caller): the same key with the same
 * body replays the first response (header {@code Idempotent-Replayed: true}); with a different body, 422.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Payments")
public class PaymentResource {

    public static final String KEY = "Idempotency-Key";

    private final PaymentService payments;
    private final Caller caller;

    PaymentResource(PaymentService payments, Caller caller) {
        this.payments = payments;
        this.caller = caller;
    }

    @POST
    @Path("me/payments")
    @RolesAllowed(Roles.RESIDENT)
    @Tag(name = "Me")
    @Operation(summary = "Pay (oldest open invoices first, the rest to the wallet) or top up the wallet")
    public Uni<RestResponse<String>> mine(@HeaderParam(KEY) String key, @NotNull @Valid PaymentRequest request) {
        if (request.accountNumber() != null && !request.accountNumber().equals(caller.account())) {
            throw ProblemException.invalid("accountNumber", "must be left out: you pay for your own account");
        }
        return answer(payments.pay("resident:" + caller.account(), key(key), "RESIDENT", caller.account(), request));
    }

    @GET
    @Path("me/payments")
    @RolesAllowed(Roles.RESIDENT)
    @Tag(name = "Me")
    @Operation(summary = "My payments and top-ups, newest first")
    public Uni<Page<PaymentService.Received>> list(@QueryParam("after") UUID after,
                                                   @QueryParam("limit") @DefaultValue("50") @Min(1)
                                                   @Max(Page.MAX_LIMIT) int limit) {
        return payments.list(caller.account(), after, limit + 1)
                .map(rows -> Page.of(rows, limit, p -> p.id().toString(), p -> p));
    }

    @POST
    @Path("payments")
    @RolesAllowed(Roles.SERVICE)
    @Operation(summary = "A payment provider reports money received for an account")
    public Uni<RestResponse<String>> provider(@HeaderParam(KEY) String key, @NotNull @Valid PaymentRequest request) {
        if (request.accountNumber() == null || request.accountNumber().isBlank()) {
            throw ProblemException.invalid("accountNumber", "must not be blank");
        }
        return answer(payments.pay("service:" + caller.name(), key(key), "PROVIDER:" + caller.name(),
                request.accountNumber(), request));
    }

    private static String key(String key) {
        if (key == null || key.isBlank() || key.length() > 255) {
            throw ProblemException.invalid(KEY, "header required, 1 to 255 characters");
        }
        return key;
    }

    private static Uni<RestResponse<String>> answer(Uni<PaymentService.Outcome> outcome) {
        return outcome.map(o -> {
            RestResponse.ResponseBuilder<String> response = RestResponse.ResponseBuilder.<String>create(o.status())
                    .entity(o.body()).type(MediaType.APPLICATION_JSON);
            if (o.replayed()) {
                response.header("Idempotent-Replayed", "true");
            }
            return response.build();
        });
    }
}
