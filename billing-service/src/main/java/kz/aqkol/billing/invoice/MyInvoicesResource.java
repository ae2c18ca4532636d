package kz.aqkol.billing.invoice;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Roles;
import kz.aqkol.platform.web.Page;
import kz.aqkol.platform.web.Responses;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** A resident's invoices: only their own account's (the token's subject); any other id answers 404. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.RESIDENT)
@Tag(name = "Me")
public class MyInvoicesResource {

    private final InvoiceService invoices;
    private final Caller caller;

    MyInvoicesResource(InvoiceService invoices, Caller caller) {
        this.invoices = invoices;
        this.caller = caller;
    }

    public record DisputeRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    @GET
    @Path("me/invoices")
    @Operation(summary = "My invoices, newest first")
    public Uni<Page<InvoiceView>> list(@QueryParam("after") UUID after,
                                       @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT)
                                       int limit) {
        return invoices.list(caller.account(), after, limit + 1)
                .map(rows -> Page.of(rows, limit, v -> v.id().toString(), v -> v));
    }

    @GET
    @Path("me/invoices/{id}")
    public Uni<InvoiceView> get(@PathParam("id") UUID id) {
        return invoices.get(caller.account(), id);
    }

    @GET
    @Path("me/invoices/{id}/explanation")
    @Operation(summary = "How the invoice was computed: per meter the registers and their quality, the "
            + "consumption, each tariff version in force, the blocks applied and the arithmetic")
    public Uni<String> explanation(@PathParam("id") UUID id) {
        return invoices.explanation(caller.account(), id);
    }

    @POST
    @Path("me/invoices/{id}/disputes")
    @Operation(summary = "Dispute an invoice: operators are alerted; the first dispute of an invoice keeps it out of "
            + "dunning until resolved, a later one does not (409 while one is open)")
    public Uni<RestResponse<InvoiceService.DisputeView>> dispute(@PathParam("id") UUID id,
                                                                 @NotNull @Valid DisputeRequest request) {
        return invoices.dispute(caller.account(), id, request.reason())
                .map(d -> Responses.created("/me/invoices/" + id + "/disputes/" + d.id(), d));
    }

    @GET
    @Path("me/balance")
    @Operation(summary = "What I owe and what my wallet holds, from the ledger")
    public Uni<InvoiceService.Balance> balance() {
        return invoices.balance(caller.account());
    }
}
