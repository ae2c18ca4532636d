package kz.aqkol.portal.publicpages;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import kz.aqkol.portal.services.Checkpoints;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** What the four services publish to anyone, without a token: the only calls public pages make. */
public final class PublicApis {

    private PublicApis() {
    }

    @RegisterRestClient(configKey = "camera")
    @Produces(MediaType.APPLICATION_JSON)
    public interface Camera {
        @GET
        @Path("/transparency/report")
        TransparencyReport report(@QueryParam("period") String period);

        @GET
        @Path("/audit/checkpoints")
        Checkpoints checkpoints(@QueryParam("service") String service, @QueryParam("limit") int limit);
    }

    @RegisterRestClient(configKey = "metering")
    @Produces(MediaType.APPLICATION_JSON)
    public interface Metering {
        /** Zone consumption per day and month, as NGSI-LD KeyPerformanceIndicator entities (zones of 5+ homes). */
        @GET
        @Path("/ngsi-ld/v1/entities")
        List<ZoneKpi> zoneConsumption(@QueryParam("type") String type, @QueryParam("options") String options,
                                      @QueryParam("limit") int limit);

        @GET
        @Path("/audit/checkpoints")
        Checkpoints checkpoints(@QueryParam("service") String service, @QueryParam("limit") int limit);
    }

    @RegisterRestClient(configKey = "billing")
    @Produces(MediaType.APPLICATION_JSON)
    public interface Billing {
        @GET
        @Path("/tariffs")
        List<Tariff> tariffs();

        @GET
        @Path("/audit/checkpoints")
        Checkpoints checkpoints(@QueryParam("service") String service, @QueryParam("limit") int limit);
    }

    @RegisterRestClient(configKey = "alert")
    @Produces(MediaType.APPLICATION_JSON)
    public interface Alert {
        /** Fires and smoke the cameras saw, as NGSI-LD Alert entities in simplified form (no location, no names). */
        @GET
        @Path("/ngsi-ld/v1/entities")
        List<PublicAlert> publicAlerts(@QueryParam("type") String type, @QueryParam("options") String options,
                                       @QueryParam("limit") int limit);

        @GET
        @Path("/audit/checkpoints")
        Checkpoints checkpoints(@QueryParam("service") String service, @QueryParam("limit") int limit);
    }

    /** The camera-service's monthly transparency report: counts only, small counts withheld. */
    @RegisterForReflection
    public record TransparencyReport(String period, Instant from, Instant to, Instant generatedAt, int suppressedBelow,
                                     List<Count> cameras, List<Count> events, List<Count> grants, List<Count> exports,
                                     List<Count> watchlist, List<Count> purges, List<Count> accesses) {
    }

    @RegisterForReflection
    public record Count(Map<String, String> group, Long count, boolean suppressed) {
    }

    /** One version of a tariff, as billing-service publishes every one ever made. */
    @RegisterForReflection
    public record Tariff(long id, String utility, int version, String unit, LocalDate effectiveFrom,
                         long standingChargeTiyn, List<Block> blocks, Map<String, Integer> discounts, String reason,
                         String createdBy, Instant createdAt) {
    }

    /** Up to {@code upTo} units (null: every unit beyond the previous block) at {@code priceTiyn} each. */
    @RegisterForReflection
    public record Block(BigDecimal upTo, long priceTiyn) {
    }

    /**
     * A zone's consumption of a utility over a closed village day or month (metering's open data, keyValues): the
     * total, id {@code urn:ngsi-ld:KeyPerformanceIndicator:<zone>:<utility>-<unit>:<day or month>}, or the part of it
     * that was not measured, the same id with {@code :not-measured} appended.
     */
    @RegisterForReflection
    public record ZoneKpi(String id, String area, String product, BigDecimal kpiValue, String calculationFrequency,
                          Map<String, String> calculationPeriod) {

        static final String NOT_MEASURED = ":not-measured";

        public boolean monthly() {
            return "monthly".equals(calculationFrequency);
        }

        public boolean notMeasuredPart() {
            return id.endsWith(NOT_MEASURED);
        }

        /** The month, {@code 2026-11}, of a monthly figure. */
        public String month() {
            return calculationPeriod.get("from").substring(0, 7);
        }

        /** The unit, as metering names it (M3, KWH, GCAL). */
        public String unit() {
            String[] parts = id.split(":");
            String utilityUnit = parts[notMeasuredPart() ? parts.length - 3 : parts.length - 2];
            return utilityUnit.substring(utilityUnit.indexOf('-') + 1).toUpperCase(java.util.Locale.ROOT);
        }
    }

    /** A zone's month as the home page shows it: what was used, and what share of it was not measured. */
    @RegisterForReflection
    public record ZoneMonth(String month, String zone, String utility, String unit, BigDecimal total,
                            long notMeasuredPercent) {
    }

    @RegisterForReflection
    public record PublicAlert(String id, String category, String subCategory, String severity, String description,
                              Instant dateIssued, Instant validFrom, Instant validTo) {
        public boolean open() {
            return validTo == null;
        }
    }
}
