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
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import kz.aqkol.platform.audit.PersonalDataReads;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Purpose;
import kz.aqkol.platform.security.Roles;
import kz.aqkol.platform.web.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Staff reads of residents' billing data. Staff state why in {@code X-Purpose} (400 without it, and nothing is
 * read); every read goes into the audit chain with that purpose, and the resident sees it at
 * {@code /me/access-log}.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Invoices")
public class StaffInvoicesResource {

    private final InvoiceService invoices;
    private final PersonalDataReads reads;
    private final Caller caller;

    StaffInvoicesResource(InvoiceService invoices, PersonalDataReads reads, Caller caller) {
        this.invoices = invoices;
        this.reads = reads;
        this.caller = caller;
    }

    public record Resolution(@NotBlank @Size(max = 2000) String resolution) {
    }

    @GET
    @Path("accounts/{number}/invoices")
    @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
    public Uni<Page<InvoiceView>> list(@PathParam("number") String number, @QueryParam("after") UUID after,
                                       @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT)
                                       int limit, @HeaderParam(Purpose.HEADER) String purposeHeader) {
        Purpose purpose = reads.purpose(purposeHeader);
        return read("invoices", number, number, purpose)
                .chain(() -> invoices.list(number, after, limit + 1))
                .map(rows -> Page.of(rows, limit, v -> v.id().toString(), v -> v));
    }

    @GET
    @Path("invoices/{id}")
    @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
    public Uni<InvoiceView> get(@PathParam("id") UUID id, @HeaderParam(Purpose.HEADER) String purposeHeader) {
        Purpose purpose = reads.purpose(purposeHeader);
        return invoices.owner(id).call(owner -> read("invoice", id.toString(), owner, purpose))
                .chain(owner -> invoices.get(owner, id));
    }

    @GET
    @Path("invoices/{id}/explanation")
    @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
    public Uni<String> explanation(@PathParam("id") UUID id, @HeaderParam(Purpose.HEADER) String purposeHeader) {
        Purpose purpose = reads.purpose(purposeHeader);
        return invoices.owner(id).call(owner -> read("invoice-explanation", id.toString(), owner, purpose))
                .chain(owner -> invoices.explanation(owner, id));
    }

    @GET
    @Path("accounts/{number}/balance")
    @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
    public Uni<InvoiceService.Balance> balance(@PathParam("number") String number,
                                               @HeaderParam(Purpose.HEADER) String purposeHeader) {
        Purpose purpose = reads.purpose(purposeHeader);
        return read("balance", number, number, purpose).chain(() -> invoices.balance(number));
    }

    @POST
    @Path("invoices/{id}/disputes/resolution")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Close the invoice's open dispute; the flag is lifted")
    public Uni<InvoiceService.DisputeView> resolve(@PathParam("id") UUID id, @NotNull @Valid Resolution request) {
        return invoices.resolve(id, request.resolution(), caller.name());
    }

    private Uni<Void> read(String what, String objectId, String account, Purpose purpose) {
        return reads.record(new PersonalDataReads.Read(what, objectId, account), purpose);
    }
}
