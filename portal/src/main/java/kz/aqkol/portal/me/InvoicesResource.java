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
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import kz.aqkol.portal.me.MeApis.Explanation;
import kz.aqkol.portal.me.MeApis.Invoice;
import kz.aqkol.portal.me.MeApis.Page;
import kz.aqkol.portal.web.Visitor;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The resident's invoices, one invoice with how it was computed, and disputing it. Billing answers only for the
 * token's own account: another account's invoice id is "not found", whoever guesses it.
 */
@Path("/me/invoices")
@RolesAllowed("resident")
@Produces(MediaType.TEXT_HTML)
public class InvoicesResource {

    static final int PAGE = 20;
    static final int MAX_REASON = 2000;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance invoices(Visitor v, Page<Invoice> page, boolean later);

        static native TemplateInstance invoice(Visitor v, Invoice invoice, Explanation explanation, String dispute);
    }

    @Inject
    Visitor visitor;

    @RestClient
    MeApis.Billing billing;

    @GET
    public TemplateInstance list(@QueryParam("after") String after) {
        UUID cursor = after == null ? null : Ids.uuid(after);
        return Templates.invoices(visitor, billing.invoices(visitor.bearer(), cursor, PAGE), cursor != null);
    }

    /** {@code dispute}: what became of a dispute just sent ({@code sent}, {@code open}, {@code empty}). */
    @GET
    @Path("{id}")
    public TemplateInstance one(@PathParam("id") String id, @QueryParam("dispute") String dispute) {
        UUID invoice = Ids.uuid(id);
        String bearer = visitor.bearer();
        return Templates.invoice(visitor, billing.invoice(bearer, invoice), billing.explanation(bearer, invoice),
                dispute == null || !dispute.matches("sent|open|empty") ? null : dispute);
    }

    @POST
    @Path("{id}/disputes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response dispute(@PathParam("id") String id, @FormParam("reason") String reason) {
        UUID invoice = Ids.uuid(id);
        String outcome;
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
            outcome = "empty";
        } else {
            try {
                billing.dispute(visitor.bearer(), invoice, new MeApis.DisputeRequest(reason.strip()));
                outcome = "sent";
            } catch (WebApplicationException e) {
                if (e.getResponse() == null || e.getResponse().getStatus() != 409) {
                    throw e;
                }
                outcome = "open";
            }
        }
        return Response.seeOther(URI.create("/me/invoices/" + invoice + "?dispute=" + outcome + "#dispute")).build();
    }
}
