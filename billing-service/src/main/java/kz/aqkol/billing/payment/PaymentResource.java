package kz.aqkol.billing.payment;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import java.util.UUID;
import kz.aqkol.billing.config.BillingConfig;
import kz.aqkol.billing.payment.provider.PaymentProviders;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.problem.ProblemType;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Roles;
import kz.aqkol.platform.web.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Paying. A resident's pay action opens a payment intent and a checkout at the payment provider; the money counts
 * only when the provider confirms it ({@link CallbackResource}). A configured payment provider may also report a
 * payment itself. Both take an {@code Idempotency-Key} (1–255 characters, unique per caller): the same key with the
 * same body replays the first response (header {@code Idempotent-Replayed: true}); with a different body, 422.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Payments")
public class PaymentResource {

    public static final String KEY = "Idempotency-Key";

    private final PaymentService payments;
    private final IntentService intents;
    private final PaymentProviders providers;
    private final Caller caller;
    private final ReturnOrigins returnOrigins;

    PaymentResource(PaymentService payments, IntentService intents, PaymentProviders providers, Caller caller,
                    BillingConfig config) {
        this.payments = payments;
        this.intents = intents;
        this.providers = providers;
        this.caller = caller;
        this.returnOrigins = new ReturnOrigins(config.payments().returnOrigins().orElse(Set.of()));
    }

    @POST
    @Path("me/payments")
    @RolesAllowed(Roles.RESIDENT)
    @Tag(name = "Me")
    @Operation(summary = "Pay: opens a payment intent and a checkout at the payment provider (nothing is credited"
            + " until the provider confirms); pays the open invoices, one invoice (invoiceId) or the wallet (toWallet);"
            + " returnUrl (an allowed origin's page, else 400) is where the provider sends the payer back")
    public Uni<RestResponse<String>> mine(@HeaderParam(KEY) String key, @NotNull @Valid PayRequest request) {
        if (request.accountNumber() != null && !request.accountNumber().equals(caller.account())) {
            throw ProblemException.invalid("accountNumber", "must be left out: you pay for your own account");
        }
        if (request.returnUrl() != null && !returnOrigins.allows(request.returnUrl())) {
            throw ProblemException.invalid("returnUrl", "must lead back to a page of this village's portal");
        }
        return answer(intents.open("resident:" + caller.account(), key(key), caller.account(), request));
    }

    @GET
    @Path("me/payment-intents/{id}")
    @RolesAllowed(Roles.RESIDENT)
    @Tag(name = "Me")
    @Operation(summary = "One of my payment intents: PENDING, CONFIRMED, DECLINED, EXPIRED, REFUNDED or FAILED")
    public Uni<IntentView> intent(@PathParam("id") UUID id) {
        return intents.get(caller.account(), id);
    }

    @GET
    @Path("me/payments")
    @RolesAllowed(Roles.RESIDENT)
    @Tag(name = "Me")
    @Operation(summary = "My payments and top-ups (money the provider confirmed), newest first")
    public Uni<Page<PaymentService.Received>> list(@QueryParam("after") UUID after,
                                                   @QueryParam("limit") @DefaultValue("50") @Min(1)
                                                   @Max(Page.MAX_LIMIT) int limit) {
        return payments.list(caller.account(), after, limit + 1)
                .map(rows -> Page.of(rows, limit, p -> p.id().toString(), p -> p));
    }

    @POST
    @Path("payments")
    @RolesAllowed(Roles.SERVICE)
    @Operation(summary = "A payment provider (aqkol.billing.payments.provider-principals) reports money received"
            + " for an account")
    public Uni<RestResponse<String>> provider(@HeaderParam(KEY) String key, @NotNull @Valid PaymentRequest request) {
        if (!providers.reportsPayments(caller.name())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only a payment provider may report payments");
        }
        if (request.accountNumber() == null || request.accountNumber().isBlank()) {
            throw ProblemException.invalid("accountNumber", "must not be blank");
        }
        PaymentService.Receipt receipt = new PaymentService.Receipt(request.accountNumber(), request.amountTiyn(),
                Boolean.TRUE.equals(request.toWallet()) ? Purpose.WALLET : Purpose.OPEN_INVOICES, null,
                "PROVIDER:" + caller.name(), request.providerReference());
        return answer(payments.pay("service:" + caller.name(), key(key), receipt,
                request.fingerprint(request.accountNumber())));
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
