package kz.aqkol.portal.console;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Multi;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * What the console asks of the four services, always with the signed-in person's own token ({@code bearer}: their
 * {@code Authorization} header) and, where a service reads a resident's data, the purpose they stated
 * ({@code X-Purpose}). Shapes as in docs/openapi; only the fields the pages show.
 */
public final class ConsoleApis {

    static final String AUTHORIZATION = "Authorization";
    static final String PURPOSE = "X-Purpose";

    private ConsoleApis() {
    }

    @RegisterRestClient(configKey = "alert")
    @Produces(MediaType.APPLICATION_JSON)
    public interface Alert {
        @GET
        @Path("/alerts/stats")
        Stats stats(@HeaderParam(AUTHORIZATION) String bearer);

        @GET
        @Path("/alerts")
        Page<AlertView> alerts(@HeaderParam(AUTHORIZATION) String bearer, @HeaderParam(PURPOSE) String purpose,
                               @QueryParam("status") String status, @QueryParam("severity") String severity,
                               @QueryParam("source") String source, @QueryParam("before") String before,
                               @QueryParam("limit") int limit);

        /** Alert-service's live changes: each event's data is one alert as JSON. */
        @GET
        @Path("/alerts/stream")
        @Produces(MediaType.SERVER_SENT_EVENTS)
        Multi<String> stream(@HeaderParam(AUTHORIZATION) String bearer);

        @POST
        @Path("/alerts/{id}/acknowledge")
        @Consumes(MediaType.APPLICATION_JSON)
        AlertView acknowledge(@HeaderParam(AUTHORIZATION) String bearer, @PathParam("id") UUID id, Note note);

        @PUT
        @Path("/alerts/{id}/assignee")
        @Consumes(MediaType.APPLICATION_JSON)
        AlertView assign(@HeaderParam(AUTHORIZATION) String bearer, @PathParam("id") UUID id, Assignment assignment);

        @POST
        @Path("/alerts/{id}/resolve")
        @Consumes(MediaType.APPLICATION_JSON)
        AlertView resolve(@HeaderParam(AUTHORIZATION) String bearer, @PathParam("id") UUID id, Resolution resolution);

        @GET
        @Path("/audit/verify")
        ChainVerdict verify(@HeaderParam(AUTHORIZATION) String bearer);
    }

    @RegisterRestClient(configKey = "camera")
    @Produces(MediaType.APPLICATION_JSON)
    public interface Camera {
        @GET
        @Path("/cameras")
        Page<CameraView> cameras(@HeaderParam(AUTHORIZATION) String bearer, @QueryParam("after") String after,
                                 @QueryParam("limit") int limit);

        @GET
        @Path("/grants")
        Page<GrantView> grants(@HeaderParam(AUTHORIZATION) String bearer, @QueryParam("status") String status,
                               @QueryParam("limit") int limit);

        @POST
        @Path("/grants/{id}/approve")
        @Consumes(MediaType.APPLICATION_JSON)
        GrantView approveGrant(@HeaderParam(AUTHORIZATION) String bearer, @PathParam("id") UUID id, Decision decision);

        @POST
        @Path("/grants/{id}/deny")
        @Consumes(MediaType.APPLICATION_JSON)
        GrantView denyGrant(@HeaderParam(AUTHORIZATION) String bearer, @PathParam("id") UUID id, Decision decision);

        @GET
        @Path("/exports")
        Page<ExportView> exports(@HeaderParam(AUTHORIZATION) String bearer, @QueryParam("status") String status,
                                 @QueryParam("limit") int limit);

        @POST
        @Path("/exports/{id}/approve")
        ExportView approveExport(@HeaderParam(AUTHORIZATION) String bearer, @PathParam("id") UUID id);

        @POST
        @Path("/exports/{id}/deny")
        ExportView denyExport(@HeaderParam(AUTHORIZATION) String bearer, @PathParam("id") UUID id);

        @GET
        @Path("/retention/changes")
        List<RetentionChange> retentionChanges(@HeaderParam(AUTHORIZATION) String bearer,
                                               @QueryParam("limit") int limit);

        @POST
        @Path("/retention/changes/{id}/approve")
        RetentionChange approveRetention(@HeaderParam(AUTHORIZATION) String bearer, @PathParam("id") UUID id);

        @POST
        @Path("/retention/changes/{id}/deny")
        RetentionChange denyRetention(@HeaderParam(AUTHORIZATION) String bearer, @PathParam("id") UUID id);

        @GET
        @Path("/audit/verify")
        ChainVerdict verify(@HeaderParam(AUTHORIZATION) String bearer);
    }

    @RegisterRestClient(configKey = "metering")
    @Produces(MediaType.APPLICATION_JSON)
    public interface Metering {
        @GET
        @Path("/meters")
        Page<MeterView> meters(@HeaderParam(AUTHORIZATION) String bearer, @QueryParam("after") String after,
                               @QueryParam("limit") int limit);

        @GET
        @Path("/meters/{id}/assignments")
        AssignmentHistory assignments(@HeaderParam(AUTHORIZATION) String bearer, @PathParam("id") String meter);

        @POST
        @Path("/meters/{id}/assignments")
        @Consumes(MediaType.APPLICATION_JSON)
        AssignmentHistory assign(@HeaderParam(AUTHORIZATION) String bearer, @PathParam("id") String meter,
                                 AssignmentRequest request);

        @GET
        @Path("/meters/{id}/valve-commands")
        List<ValveCommand> valveCommands(@HeaderParam(AUTHORIZATION) String bearer,
                                         @HeaderParam(PURPOSE) String purpose, @PathParam("id") String meter,
                                         @QueryParam("limit") int limit);

        @GET
        @Path("/audit/verify")
        ChainVerdict verify(@HeaderParam(AUTHORIZATION) String bearer);
    }

    @RegisterRestClient(configKey = "billing")
    @Produces(MediaType.APPLICATION_JSON)
    public interface Billing {
        @POST
        @Path("/bill-runs")
        @Consumes(MediaType.APPLICATION_JSON)
        BillRun startBillRun(@HeaderParam(AUTHORIZATION) String bearer, BillRunRequest request);

        @GET
        @Path("/bill-runs/{id}")
        BillRun billRun(@HeaderParam(AUTHORIZATION) String bearer, @PathParam("id") UUID id);

        @GET
        @Path("/dunning/stages")
        List<Stage> dunningStages(@HeaderParam(AUTHORIZATION) String bearer);

        @POST
        @Path("/dunning/runs")
        DunningResult dunningRun(@HeaderParam(AUTHORIZATION) String bearer);

        @POST
        @Path("/accounts/{number}/adjustments")
        @Consumes(MediaType.APPLICATION_JSON)
        AdjustmentView proposeAdjustment(@HeaderParam(AUTHORIZATION) String bearer,
                                         @PathParam("number") String account, AdjustmentRequest request);

        @GET
        @Path("/adjustments")
        Page<AdjustmentView> adjustments(@HeaderParam(AUTHORIZATION) String bearer,
                                         @QueryParam("status") String status, @QueryParam("limit") int limit);

        @POST
        @Path("/adjustments/{id}/approval")
        @Consumes(MediaType.APPLICATION_JSON)
        AdjustmentView approveAdjustment(@HeaderParam(AUTHORIZATION) String bearer, @PathParam("id") UUID id,
                                         Decision decision);

        @POST
        @Path("/adjustments/{id}/rejection")
        @Consumes(MediaType.APPLICATION_JSON)
        AdjustmentView rejectAdjustment(@HeaderParam(AUTHORIZATION) String bearer, @PathParam("id") UUID id,
                                        Decision decision);

        @GET
        @Path("/audit/verify")
        ChainVerdict verify(@HeaderParam(AUTHORIZATION) String bearer);
    }

    /** One page of a service's list; {@code next} is the cursor of the following page, null on the last. */
    @RegisterForReflection
    public record Page<T>(List<T> items, String next) {
    }

    /** Open alerts by severity; mean times to acknowledge and resolve over the window. */
    @RegisterForReflection
    public record Stats(Map<String, Long> openBySeverity, Long meanSecondsToAcknowledge, Long meanSecondsToResolve,
                        long acknowledged, long resolved, String window) {
    }

    @RegisterForReflection
    public record AlertView(UUID id, String source, String type, String subject, String severity, String status,
                            String summary, Map<String, String> labels, long occurrences, Instant firstSeen,
                            Instant lastSeen, Instant acknowledgedAt, String acknowledgedBy, String assignee,
                            Instant resolvedAt, int escalationLevel) {
        /** The label's value, or null. */
        public String label(String name) {
            return labels == null ? null : labels.get(name);
        }

        public boolean open() {
            return !"RESOLVED".equals(status);
        }

        public boolean acknowledged() {
            return "ACKNOWLEDGED".equals(status);
        }
    }

    @RegisterForReflection
    public record Note(String comment) {
    }

    @RegisterForReflection
    public record Assignment(String assignee) {
    }

    @RegisterForReflection
    public record Resolution(String reason) {
    }

    @RegisterForReflection
    public record CameraView(String id, String name, String location, String zone, String kind, Double latitude,
                             Double longitude, String status, boolean online, Instant lastSeen) {
    }

    @RegisterForReflection
    public record MeterView(String id, String utility, String unit, boolean hasValve, String zone,
                            String accountNumber, Instant decommissionedAt, String valve) {
        public boolean valveClosed() {
            return "CLOSED".equals(valve);
        }
    }

    /** Which account a meter belonged to when, as metering-service (its owner) keeps it; {@code to} null: now. */
    @RegisterForReflection
    public record AssignmentHistory(String meterId, long version, List<Held> assignments) {
    }

    @RegisterForReflection
    public record Held(String accountNumber, Instant from, Instant to) {
    }

    /** The meter belongs to {@code accountNumber} (null: to none) from {@code from} on. */
    @RegisterForReflection
    public record AssignmentRequest(String accountNumber, Instant from, String reason) {
    }

    @RegisterForReflection
    public record ValveCommand(UUID id, String meterId, String command, String reason, String requestedBy,
                               Instant requestedAt, String status, Instant answeredAt, String valve) {
    }

    @RegisterForReflection
    public record GrantView(UUID id, String requestedBy, String purpose, String caseRef, List<String> cameras,
                            String zone, Instant from, Instant to, Instant expiresAt, String status, String reason,
                            Instant createdAt) {
    }

    @RegisterForReflection
    public record Decision(String note) {
    }

    @RegisterForReflection
    public record ExportView(UUID id, UUID grant, String requestedBy, Instant from, Instant to, String status,
                             String decidedBy, Instant createdAt) {
    }

    @RegisterForReflection
    public record RetentionChange(UUID id, String privacyClass, String eventType, int fromDays, int toDays,
                                  String status, String requestedBy, Instant requestedAt) {
        public boolean pending() {
            return "PENDING".equals(status);
        }
    }

    @RegisterForReflection
    public record ChainVerdict(boolean intact, long checked, Long firstBrokenSeq, String reason, Long headSeq,
                               External external) {
    }

    @RegisterForReflection
    public record External(String status, String detail, int witnesses, int answered, int checkpoints,
                           String heldBy) {
    }

    @RegisterForReflection
    public record BillRunRequest(String period) {
    }

    @RegisterForReflection
    public record BillRun(UUID id, String period, String status, String requestedBy, Integer accountsRequested,
                          long processed, Map<String, Long> outcomes, List<PendingAccount> pending,
                          Instant startedAt, Instant finishedAt, String error) {
    }

    @RegisterForReflection
    public record PendingAccount(String account, String reason) {
    }

    @RegisterForReflection
    public record Stage(String name, int days) {
    }

    /** CREDIT, DEBIT or WRITE_OFF; a write-off names the invoice whose open amount is given up. */
    @RegisterForReflection
    public record AdjustmentRequest(String kind, long amountTiyn, UUID invoiceId, String reason) {
    }

    @RegisterForReflection
    public record AdjustmentView(UUID id, String accountNumber, String kind, long amountTiyn, UUID invoiceId,
                                 String reason, String status, String proposedBy, Instant proposedAt,
                                 String decidedBy, Instant decidedAt, String decisionNote, UUID document) {
        public boolean proposed() {
            return "PROPOSED".equals(status);
        }
    }

    @RegisterForReflection
    public record DunningResult(int overdueAccounts, int escalated, int blocked, int deferred) {
    }
}
