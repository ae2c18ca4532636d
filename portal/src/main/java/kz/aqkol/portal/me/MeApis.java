package kz.aqkol.portal.me;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The services' {@code /me/...} endpoints, called with the resident's own token: each service takes the account from
 * the token, so these pages can only ever show the signed-in resident's own data.
 */
public final class MeApis {

    static final String AUTHORIZATION = "Authorization";

    private MeApis() {
    }

    @RegisterRestClient(configKey = "billing")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public interface Billing {
        @GET
        @Path("/me/balance")
        Balance balance(@HeaderParam(AUTHORIZATION) String bearer);

        @GET
        @Path("/me/account")
        Account account(@HeaderParam(AUTHORIZATION) String bearer);

        @PUT
        @Path("/me/account/auto-pay")
        Account autoPay(@HeaderParam(AUTHORIZATION) String bearer, AutoPay autoPay);

        @GET
        @Path("/me/invoices")
        Page<Invoice> invoices(@HeaderParam(AUTHORIZATION) String bearer, @QueryParam("after") UUID after,
                               @QueryParam("limit") int limit);

        @GET
        @Path("/me/invoices/{id}")
        Invoice invoice(@HeaderParam(AUTHORIZATION) String bearer, @PathParam("id") UUID id);

        @GET
        @Path("/me/invoices/{id}/explanation")
        Explanation explanation(@HeaderParam(AUTHORIZATION) String bearer, @PathParam("id") UUID id);

        @POST
        @Path("/me/invoices/{id}/disputes")
        Dispute dispute(@HeaderParam(AUTHORIZATION) String bearer, @PathParam("id") UUID id, DisputeRequest request);

        @POST
        @Path("/me/payments")
        Intent pay(@HeaderParam(AUTHORIZATION) String bearer, @HeaderParam("Idempotency-Key") String key,
                   PayRequest request);

        @GET
        @Path("/me/payment-intents/{id}")
        Intent intent(@HeaderParam(AUTHORIZATION) String bearer, @PathParam("id") UUID id);

        @GET
        @Path("/me/payments")
        Page<Payment> payments(@HeaderParam(AUTHORIZATION) String bearer, @QueryParam("after") UUID after,
                               @QueryParam("limit") int limit);

        @GET
        @Path("/me/access-log")
        Page<Access> accessLog(@HeaderParam(AUTHORIZATION) String bearer, @QueryParam("before") Long before,
                               @QueryParam("limit") int limit);
    }

    @RegisterRestClient(configKey = "metering")
    @Produces(MediaType.APPLICATION_JSON)
    public interface Metering {
        @GET
        @Path("/me/meters")
        List<Meter> meters(@HeaderParam(AUTHORIZATION) String bearer);

        @GET
        @Path("/me/meters/{id}")
        Meter meter(@HeaderParam(AUTHORIZATION) String bearer, @PathParam("id") String id);

        @GET
        @Path("/me/meters/{id}/consumption")
        Consumption consumption(@HeaderParam(AUTHORIZATION) String bearer, @PathParam("id") String id,
                                @QueryParam("from") Instant from, @QueryParam("to") Instant to,
                                @QueryParam("interval") String interval);

        @GET
        @Path("/me/access-log")
        Page<Access> accessLog(@HeaderParam(AUTHORIZATION) String bearer, @QueryParam("before") Long before,
                               @QueryParam("limit") int limit);
    }

    @RegisterRestClient(configKey = "alert")
    @Produces(MediaType.APPLICATION_JSON)
    public interface Alert {
        @GET
        @Path("/me/alerts")
        Page<AlertView> alerts(@HeaderParam(AUTHORIZATION) String bearer, @QueryParam("status") String status,
                               @QueryParam("before") String before, @QueryParam("limit") int limit);

        @GET
        @Path("/me/access-log")
        Page<Access> accessLog(@HeaderParam(AUTHORIZATION) String bearer, @QueryParam("before") Long before,
                               @QueryParam("limit") int limit);
    }

    @RegisterRestClient(configKey = "camera")
    @Produces(MediaType.APPLICATION_JSON)
    public interface Camera {
        @GET
        @Path("/me/access-log")
        Page<Access> accessLog(@HeaderParam(AUTHORIZATION) String bearer, @QueryParam("before") Long before,
                               @QueryParam("limit") int limit);
    }

    /** A page of a service's list; {@code next} (absent on the last page) is the cursor of the following one. */
    @RegisterForReflection
    public record Page<T>(List<T> items, String next) {
    }

    @RegisterForReflection
    public record Balance(String accountNumber, long owedTiyn, long walletTiyn, String currency) {
    }

    @RegisterForReflection
    public record Account(String number, String holder, String address, String zone, String socialCategory,
                          List<String> meters, boolean autoPay, String status, String dunningStage) {
    }

    @RegisterForReflection
    public record AutoPay(boolean enabled) {
    }

    @RegisterForReflection
    public record Invoice(UUID id, String accountNumber, String kind, String period, long totalTiyn, long settledTiyn,
                          long openTiyn, String currency, String status, Instant issuedAt, LocalDate dueDate,
                          boolean disputed, UUID originalInvoice, String note, List<Line> lines) {
        public boolean payable() {
            return openTiyn > 0 && !"CREDIT_NOTE".equals(kind);
        }
    }

    @RegisterForReflection
    public record Line(String meterId, String utility, BigDecimal quantity, long amountTiyn) {
    }

    /** How billing computed an invoice, as it stored it when issuing it. */
    @RegisterForReflection
    public record Explanation(String kind, String account, String period, LocalDate from, LocalDate to,
                              String socialCategory, List<MeterCharge> meters, long totalTiyn, String currency,
                              String roundingRule, UUID originalInvoice, String note) {
    }

    @RegisterForReflection
    public record MeterCharge(String meterId, String utility, String unit, Register startRegister,
                              Register endRegister, BigDecimal consumption, String quality, String method,
                              List<Segment> segments, long amountTiyn) {
    }

    @RegisterForReflection
    public record Register(Instant at, BigDecimal value, String quality) {
    }

    @RegisterForReflection
    public record Segment(long tariffId, int tariffVersion, LocalDate effectiveFrom, LocalDate from, LocalDate to,
                          int days, int periodDays, BigDecimal quantity, List<BlockCharge> blocks,
                          long standingChargeTiyn, String standingArithmetic, int discountPercent, long discountTiyn,
                          String discountArithmetic, long subtotalTiyn) {
    }

    @RegisterForReflection
    public record BlockCharge(BigDecimal from, BigDecimal upTo, BigDecimal quantity, long priceTiyn, long amountTiyn,
                              String arithmetic) {
    }

    @RegisterForReflection
    public record DisputeRequest(String reason) {
    }

    @RegisterForReflection
    public record Dispute(UUID id, UUID invoiceId, String reason, Instant openedAt, boolean defersDunning) {
    }

    /** What to pay: the open invoices (neither field), one invoice, or the wallet; where to come back after. */
    @RegisterForReflection
    public record PayRequest(long amountTiyn, String currency, Boolean toWallet, UUID invoiceId, String returnUrl) {
    }

    @RegisterForReflection
    public record Intent(UUID id, String status, long amountTiyn, String currency, String purpose, UUID invoiceId,
                         String providerReference, String checkoutUrl, Instant createdAt, Instant expiresAt,
                         UUID paymentId) {
        public boolean pending() {
            return "PENDING".equals(status);
        }
    }

    @RegisterForReflection
    public record Payment(UUID id, String kind, long amountTiyn, long toInvoicesTiyn, long toWalletTiyn,
                          String channel, String providerReference, Instant receivedAt, Instant refundedAt) {
    }

    @RegisterForReflection
    public record Meter(String id, String utility, String unit, boolean hasValve, String zone, Instant installedAt,
                        Instant decommissionedAt, String replaces, String valve) {
        public boolean active() {
            return decommissionedAt == null;
        }
    }

    @RegisterForReflection
    public record Consumption(String meterId, String utility, String unit, Instant from, Instant to, BigDecimal total,
                              String quality, List<Interval> intervals) {
    }

    @RegisterForReflection
    public record Interval(Instant start, Instant end, BigDecimal consumption, String quality, String method) {
    }

    @RegisterForReflection
    public record AlertView(UUID id, String source, String type, String subject, String severity, String status,
                            String summary, Map<String, String> labels, long occurrences, Instant firstSeen,
                            Instant lastSeen, Instant resolvedAt) {
        /** Types these pages explain in the resident's language; any other is shown in the service's words. */
        static final java.util.Set<String> EXPLAINED = java.util.Set.of("LEAK", "TAMPER", "SPIKE", "SILENT",
                "BACKFLOW", "REGISTER_RESET", "BATTERY_LOW", "MAGNETIC_TAMPER", "VALVE_FAULT");

        public boolean explained() {
            return EXPLAINED.contains(type);
        }
    }

    /** One look at the resident's data, as a service's audit chain recorded it. */
    @RegisterForReflection
    public record Access(long seq, Instant at, String who, String role, String action, String objectType,
                         String objectId, String purpose) {
        static final java.util.Set<String> NAMED_ROLES = java.util.Set.of("operator", "dispatcher", "auditor",
                "resident", "service");

        /** Whether these pages name the role in the resident's language (else it is shown as recorded). */
        public boolean namedRole() {
            return NAMED_ROLES.contains(role);
        }
    }
}
