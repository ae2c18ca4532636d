package kz.aqkol.portal.me;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.UUID;
import kz.aqkol.portal.PortalConfig;
import kz.aqkol.portal.me.MeApis.Account;
import kz.aqkol.portal.me.MeApis.Balance;
import kz.aqkol.portal.me.MeApis.Intent;
import kz.aqkol.portal.me.MeApis.Invoice;
import kz.aqkol.portal.me.MeApis.Page;
import kz.aqkol.portal.me.MeApis.Payment;
import kz.aqkol.portal.web.Section;
import kz.aqkol.portal.web.Tenge;
import kz.aqkol.portal.web.Visitor;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Paying and auto-pay. The pay form opens a payment intent at billing, which opens a checkout at the payment
 * provider; the browser goes there, and the provider sends it back to {@code /me/payments/returned}, which shows the
 * intent ({@code /me/payments/{id}}): refreshing itself while the provider has not answered, then the payment and the
 * new balance. Nothing is paid by this portal: only the provider's confirmation to billing moves money.
 */
@Path("/me")
@RolesAllowed("resident")
@Produces(MediaType.TEXT_HTML)
public class PayResource {

    static final String RETURN_PATH = "/me/payments/returned";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance pay(Visitor v, Balance balance, Page<Invoice> invoices, UUID chosen,
                                           String key, String problem);

        static native TemplateInstance payment(Visitor v, Intent intent, boolean refreshing, Section<Balance> balance,
                                               Section<Payment> payment);

        static native TemplateInstance autoPay(Visitor v, Account account, boolean saved);
    }

    @Inject
    Visitor visitor;

    @RestClient
    MeApis.Billing billing;

    /** The portal's public origin, when the address it is reached at is not what its own requests show. */
    @Inject
    PortalConfig config;

    /** {@code invoice}: an invoice to offer first; {@code problem}: why the last attempt was not sent. */
    @GET
    @Path("pay")
    public TemplateInstance pay(@QueryParam("invoice") String invoice, @QueryParam("problem") String problem) {
        String bearer = visitor.bearer();
        return Templates.pay(visitor, billing.balance(bearer), billing.invoices(bearer, null, 50),
                Ids.uuidOrNull(invoice), UUID.randomUUID().toString(), problem == null || !problem.matches("amount|choice") ? null : problem);
    }

    /**
     * {@code what}: {@code all} (the open invoices, for what is owed), an invoice's id (what is open on it), or
     * {@code wallet} with {@code amount} in tenge. {@code key} (from the form) makes a second click the same intent.
     */
    @POST
    @Path("pay")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response pay(@FormParam("what") String what, @FormParam("amount") String amount,
                        @FormParam("key") String key, @Context UriInfo uri) {
        String bearer = visitor.bearer();
        String returnUrl = origin(uri) + RETURN_PATH;
        MeApis.PayRequest request;
        if ("all".equals(what)) {
            long owed = billing.balance(bearer).owedTiyn();
            if (owed <= 0) {
                return back("choice");
            }
            request = new MeApis.PayRequest(owed, "KZT", null, null, returnUrl);
        } else if ("wallet".equals(what)) {
            Long tiyn = Tenge.parse(amount);
            if (tiyn == null) {
                return back("amount");
            }
            request = new MeApis.PayRequest(tiyn, "KZT", true, null, returnUrl);
        } else if (what != null && !what.isBlank()) {
            Invoice invoice = billing.invoice(bearer, Ids.uuid(what));
            if (!invoice.payable()) {
                return back("choice");
            }
            request = new MeApis.PayRequest(invoice.openTiyn(), "KZT", null, invoice.id(), returnUrl);
        } else {
            return back("choice");
        }
        String idempotency = key == null || key.isBlank() || key.length() > 100 ? UUID.randomUUID().toString() : key;
        Intent intent = billing.pay(bearer, idempotency, request);
        return Response.seeOther(URI.create(intent.checkoutUrl())).build();
    }

    /** Where the provider sends the payer back: {@code order} is billing's intent id. */
    @GET
    @Path("payments/returned")
    public Response returned(@QueryParam("order") String order) {
        return Response.seeOther(URI.create("/me/payments/" + Ids.uuid(order == null ? "" : order))).build();
    }

    /**
     * While the provider has not answered, the page looks again every 5 seconds (static/payment.js), unless the resident stopped it
     * ({@code refresh=off}, WCAG 2.2.1: a time limit the person can turn off), then it offers to check again.
     */
    @GET
    @Path("payments/{id}")
    public TemplateInstance payment(@PathParam("id") String id, @QueryParam("refresh") String refresh) {
        String bearer = visitor.bearer();
        Intent intent = billing.intent(bearer, Ids.uuid(id));
        Section<Balance> balance = intent.pending() ? new Section<>(null, false)
                : Section.of("balance", () -> billing.balance(bearer));
        Section<Payment> payment = intent.paymentId() == null ? new Section<>(null, false)
                : Section.of("payment", () -> billing.payments(bearer, null, 50).items().stream()
                        .filter(p -> p.id().equals(intent.paymentId())).findFirst().orElse(null));
        return Templates.payment(visitor, intent, intent.pending() && !"off".equals(refresh), balance, payment);
    }

    @GET
    @Path("auto-pay")
    public TemplateInstance autoPay(@QueryParam("saved") String saved) {
        return Templates.autoPay(visitor, billing.account(visitor.bearer()), saved != null);
    }

    @POST
    @Path("auto-pay")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response setAutoPay(@FormParam("enabled") String enabled) {
        billing.autoPay(visitor.bearer(), new MeApis.AutoPay("on".equals(enabled)));
        return Response.seeOther(URI.create("/me/auto-pay?saved")).build();
    }

    private String origin(UriInfo uri) {
        URI base = config.publicUrl().orElse(uri.getBaseUri());
        return base.getScheme() + "://" + base.getRawAuthority();
    }

    private static Response back(String problem) {
        return Response.seeOther(URI.create("/me/pay?problem=" + problem)).build();
    }
}
