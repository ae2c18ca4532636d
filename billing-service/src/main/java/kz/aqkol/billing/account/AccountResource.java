package kz.aqkol.billing.account;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import kz.aqkol.platform.audit.PersonalDataReads;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Purpose;
import kz.aqkol.platform.security.Roles;
import kz.aqkol.platform.web.Page;
import kz.aqkol.platform.web.Responses;
import kz.aqkol.platform.webhook.WebhookTargets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts")
public class AccountResource {

    private final AccountService accounts;
    private final Caller caller;
    private final PersonalDataReads reads;
    private final WebhookTargets targets;
    private final Vertx vertx;

    AccountResource(AccountService accounts, Caller caller, PersonalDataReads reads, WebhookTargets targets,
                    Vertx vertx) {
        this.accounts = accounts;
        this.caller = caller;
        this.reads = reads;
        this.targets = targets;
        this.vertx = vertx;
    }

    @POST
    @Path("accounts")
    @RolesAllowed(Roles.OPERATOR)
    public Uni<RestResponse<AccountView>> open(@NotNull @Valid AccountRequest request) {
        return webhookCheck(request.webhookUrl()).chain(() -> accounts.open(request))
                .map(a -> Responses.created("/accounts/" + a.number(), AccountView.of(a)));
    }

    @GET
    @Path("accounts")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Accounts in number order; staff state why in X-Purpose, and every account listed leaves "
            + "an audit entry")
    public Uni<Page<AccountView>> list(@QueryParam("zone") String zone, @QueryParam("after") String after,
                                       @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT)
                                       int limit, @HeaderParam(Purpose.HEADER) String purposeHeader) {
        Purpose purpose = reads.purpose(purposeHeader);
        return accounts.page(zone, after, limit + 1)
                .map(rows -> Page.of(rows, limit, Account::number, AccountView::of))
                .call(page -> reads.record(page.items().stream()
                        .map(a -> new PersonalDataReads.Read("account", a.number(), a.number())).toList(), purpose));
    }

    @GET
    @Path("accounts/{number}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "One account; staff state why in X-Purpose")
    public Uni<AccountView> get(@PathParam("number") String number,
                                @HeaderParam(Purpose.HEADER) String purposeHeader) {
        Purpose purpose = reads.purpose(purposeHeader);
        return view(number)
                .call(() -> reads.record(new PersonalDataReads.Read("account", number, number), purpose));
    }

    @PATCH
    @Path("accounts/{number}")
    @RolesAllowed(Roles.OPERATOR)
    public Uni<AccountView> change(@PathParam("number") String number, @NotNull @Valid AccountChange change) {
        return webhookCheck(change.webhookUrl()).chain(() -> accounts.change(number, change)).map(AccountView::of);
    }

    /** 400 for a webhook target this deployment may not call (production: public https only); off the event loop. */
    private Uni<Void> webhookCheck(String url) {
        if (url == null || url.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        return vertx.executeBlocking(Uni.createFrom().item(() -> targets.refusal(url)))
                .invoke(refusal -> refusal.ifPresent(reason -> {
                    throw ProblemException.invalid("webhookUrl", reason);
                }))
                .replaceWithVoid();
    }

    public record AutoPay(@NotNull Boolean enabled) {
    }

    /** Turns paying new invoices from the wallet on or off. */
    @PUT
    @Path("me/account/auto-pay")
    @RolesAllowed(Roles.RESIDENT)
    @Tag(name = "Me")
    public Uni<AccountView> autoPay(@NotNull @Valid AutoPay request) {
        return accounts.autoPay(caller.account(), request.enabled()).map(account -> {
            if (account == null) {
                throw ProblemException.notFound("account", caller.account());
            }
            return AccountView.of(account);
        });
    }

    /** A signing key, shown in this answer only. */
    public record WebhookKey(String key, String algorithm) {
    }

    /**
     * A new key for checking the notices sent to the resident's webhook; the old one stops signing at once. Each
     * notice carries {@code X-Aqkol-Timestamp} and {@code X-Aqkol-Signature: sha256=<hex>}, the HMAC-SHA256 under
     * this key of {@code <timestamp>.<body>}.
     */
    @POST
    @Path("me/account/webhook-key")
    @Consumes(MediaType.WILDCARD) // no body
    @RolesAllowed(Roles.RESIDENT)
    @Tag(name = "Me")
    @Operation(summary = "Issue a new key for checking the signatures of my webhook notices (shown once)")
    public Uni<WebhookKey> newWebhookKey() {
        return accounts.newWebhookKey(caller.account()).map(key -> {
            if (key == null) {
                throw ProblemException.notFound("account", caller.account());
            }
            return new WebhookKey(key, "HMAC-SHA256 over <X-Aqkol-Timestamp>.<body>");
        });
    }

    /** The calling resident's own account: the token's subject, never a parameter. */
    @GET
    @Path("me/account")
    @RolesAllowed(Roles.RESIDENT)
    @Tag(name = "Me")
    public Uni<AccountView> mine() {
        return view(caller.account());
    }

    private Uni<AccountView> view(String number) {
        return accounts.find(number).map(account -> {
            if (account == null) {
                throw ProblemException.notFound("account", number);
            }
            return AccountView.of(account);
        });
    }
}
