package kz.aqkol.portal.publicpages;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import kz.aqkol.portal.PortalConfig;
import kz.aqkol.portal.publicpages.PublicApis.PublicAlert;
import kz.aqkol.portal.publicpages.PublicApis.Tariff;
import kz.aqkol.portal.publicpages.PublicApis.TransparencyReport;
import kz.aqkol.portal.publicpages.PublicApis.ZoneKpi;
import kz.aqkol.portal.publicpages.PublicApis.ZoneMonth;
import kz.aqkol.portal.services.Checkpoints;
import kz.aqkol.portal.web.Cached;
import kz.aqkol.portal.web.Section;
import kz.aqkol.portal.web.Visitor;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Pages for anyone, signed in or not: the village's status, what everyone pays, and what the cameras did and who
 * looked. Everything here is what the services publish without a token, so nothing personal can appear.
 */
@Path("/")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class PublicResource {

    private static final Duration REPORT_FRESH = Duration.ofMinutes(10);
    private static final int STATUS_ALERTS = 20;
    private static final int ZONE_FIGURES = 1_000;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(Visitor v, Section<List<PublicAlert>> alerts,
                                            Section<List<Tariff>> tariffs, Section<List<ZoneMonth>> consumption,
                                            Section<TransparencyReport> report,
                                            Section<List<Checkpoints.Checkpoint>> checkpoints);

        static native TemplateInstance tariffs(Visitor v, Section<Map<String, List<Tariff>>> byUtility);

        static native TemplateInstance transparency(Visitor v, Section<TransparencyReport> report,
                                                    List<String> periods, String period);
    }

    @Inject
    Visitor visitor;

    private final Cached<List<PublicAlert>> alerts;
    private final Cached<List<Tariff>> tariffs;
    private final Cached<List<ZoneKpi>> consumption;
    private final Cached<List<Checkpoints.Checkpoint>> checkpoints;
    private final Map<String, Cached<TransparencyReport>> reports = new ConcurrentHashMap<>();
    private final PublicApis.Camera camera;

    @Inject
    PublicResource(@RestClient PublicApis.Camera camera, @RestClient PublicApis.Metering metering,
                   @RestClient PublicApis.Billing billing, @RestClient PublicApis.Alert alert, PortalConfig config) {
        Duration fresh = config.publicFresh();
        this.camera = camera;
        this.alerts = new Cached<>(fresh, () -> alert.publicAlerts("Alert", "keyValues", STATUS_ALERTS));
        this.tariffs = new Cached<>(fresh, billing::tariffs);
        this.consumption = new Cached<>(fresh, () -> metering.zoneConsumption("KeyPerformanceIndicator", "keyValues",
                ZONE_FIGURES));
        this.checkpoints = new Cached<>(fresh, () -> {
            List<Checkpoints.Checkpoint> newest = new ArrayList<>();
            addNewest(newest, () -> camera.checkpoints("camera-service", 1));
            addNewest(newest, () -> metering.checkpoints("metering-service", 1));
            addNewest(newest, () -> billing.checkpoints("billing-service", 1));
            addNewest(newest, () -> alert.checkpoints("alert-service", 1));
            return newest;
        });
    }

    @GET
    public TemplateInstance home() {
        return Templates.home(visitor,
                Section.of("public alerts", alerts::get),
                Section.of("tariffs", () -> current(tariffs.get(), LocalDate.now(visitor.formatsZone()))),
                Section.of("zone consumption", () -> months(consumption.get())),
                Section.of("transparency report", () -> report("")),
                Section.of("audit checkpoints", checkpoints::get));
    }

    @GET
    @Path("tariffs")
    public TemplateInstance tariffs() {
        return Templates.tariffs(visitor, Section.of("tariffs", () -> byUtility(tariffs.get())));
    }

    @GET
    @Path("transparency")
    public TemplateInstance transparency(@QueryParam("period") String period) {
        List<String> periods = new ArrayList<>();
        YearMonth last = YearMonth.now(visitor.formatsZone()).minusMonths(1);
        for (int i = 0; i < 12; i++) {
            periods.add(last.minusMonths(i).toString());
        }
        String chosen = periods.contains(period) ? period : periods.get(0);
        return Templates.transparency(visitor, Section.of("transparency report", () -> report(chosen)), periods,
                chosen);
    }

    private TransparencyReport report(String period) {
        return reports.computeIfAbsent(period, p -> new Cached<>(REPORT_FRESH,
                () -> camera.report(p.isEmpty() ? null : p))).get();
    }

    /** The version of each utility's tariff in force today (the newest whose effectiveFrom has come). */
    static List<Tariff> current(List<Tariff> all, LocalDate today) {
        Map<String, Tariff> current = new LinkedHashMap<>();
        all.stream()
                .filter(tariff -> !tariff.effectiveFrom().isAfter(today))
                .sorted(Comparator.comparing(Tariff::utility).thenComparing(Tariff::effectiveFrom)
                        .thenComparing(Tariff::version))
                .forEach(tariff -> current.put(tariff.utility(), tariff));
        return List.copyOf(current.values());
    }

    /**
     * The zones' months, the newest first, then by zone and utility, each with the share of it not measured (from
     * its {@code :not-measured} companion; none published: nothing known, shown as 0 %).
     */
    static List<ZoneMonth> months(List<ZoneKpi> all) {
        Map<String, BigDecimal> notMeasured = new java.util.HashMap<>();
        all.stream().filter(k -> k.monthly() && k.notMeasuredPart()).forEach(k -> notMeasured.put(
                k.id().substring(0, k.id().length() - ZoneKpi.NOT_MEASURED.length()), k.kpiValue()));
        return all.stream().filter(k -> k.monthly() && !k.notMeasuredPart())
                .map(k -> new ZoneMonth(k.month(), k.area(), k.product().toUpperCase(java.util.Locale.ROOT),
                        k.unit(), k.kpiValue(), percent(notMeasured.getOrDefault(k.id(), BigDecimal.ZERO),
                        k.kpiValue())))
                .sorted(Comparator.comparing(ZoneMonth::month, Comparator.reverseOrder())
                        .thenComparing(ZoneMonth::zone).thenComparing(ZoneMonth::utility))
                .toList();
    }

    private static long percent(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? 0 : part.multiply(BigDecimal.valueOf(100))
                .divide(whole, 0, java.math.RoundingMode.HALF_UP).longValue();
    }

    static Map<String, List<Tariff>> byUtility(List<Tariff> all) {
        Map<String, List<Tariff>> byUtility = new LinkedHashMap<>();
        all.stream()
                .sorted(Comparator.comparing(Tariff::utility).thenComparing(Tariff::effectiveFrom,
                        Comparator.reverseOrder()).thenComparing(Tariff::version, Comparator.reverseOrder()))
                .forEach(tariff -> byUtility.computeIfAbsent(tariff.utility(), u -> new ArrayList<>()).add(tariff));
        return byUtility;
    }

    private static void addNewest(List<Checkpoints.Checkpoint> into, Supplier<Checkpoints> fetch) {
        Checkpoints.Checkpoint newest = fetch.get().newest();
        if (newest != null) {
            into.add(newest);
        }
    }
}
