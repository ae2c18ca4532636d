package kz.aqkol.portal.console;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kz.aqkol.portal.console.ConsoleApis.AlertView;
import kz.aqkol.portal.console.ConsoleApis.CameraView;
import kz.aqkol.portal.console.MeterStates.MeterState;
import kz.aqkol.portal.console.PlanGeometry.LatLon;
import kz.aqkol.portal.console.PlanGeometry.Xy;

/**
 * The village plan: each camera where its coordinates put it, with its state; meters have no coordinates
 * (metering-service knows a meter's zone and account, not where it stands), so each zone's troubled meters are drawn
 * as one mark at the middle of that zone's cameras, with counts, and never as if their position were known. A camera
 * without coordinates, and a zone without a camera that has some, are only in the list beside the drawing.
 */
@TemplateData
public record VillagePlan(double width, double height, List<CameraMark> cameras, List<CameraMark> unplacedCameras,
                          List<ZoneMark> zones, List<ZoneMark> unplacedZones, double scaleUnits, long scaleMetres) {

    static final double WIDTH = 640;
    static final double HEIGHT = 440;
    static final double MARGIN = 48;
    private static final String CAMERA = "camera:";
    private static final long[] NICE_METRES = {10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000};

    public static VillagePlan of(Collection<CameraView> cameras, List<MeterState> troubledMeters,
                                 Collection<AlertView> openAlerts) {
        Map<String, List<String>> alarms = new TreeMap<>();
        for (AlertView alert : openAlerts) {
            if (alert.open() && alert.subject() != null && alert.subject().startsWith(CAMERA)) {
                alarms.computeIfAbsent(alert.subject().substring(CAMERA.length()), id -> new ArrayList<>())
                        .add(alert.type());
            }
        }
        List<LatLon> located = new ArrayList<>();
        Map<String, List<LatLon>> byZone = new LinkedHashMap<>();
        for (CameraView camera : cameras) {
            LatLon at = at(camera);
            if (at != null) {
                located.add(at);
                byZone.computeIfAbsent(camera.zone(), z -> new ArrayList<>()).add(at);
            }
        }
        PlanGeometry geometry = PlanGeometry.fitting(located, WIDTH, HEIGHT, MARGIN);

        List<CameraMark> placed = new ArrayList<>();
        List<CameraMark> unplaced = new ArrayList<>();
        for (CameraView camera : cameras) {
            List<String> its = alarms.getOrDefault(camera.id(), List.of());
            boolean silent = !camera.online() || its.contains("OFFLINE");
            List<String> other = its.stream().filter(type -> !"OFFLINE".equals(type)).distinct().sorted().toList();
            LatLon at = at(camera);
            CameraMark mark = new CameraMark(camera.id(), camera.name(), camera.zone(),
                    at == null ? null : geometry.place(at), silent, other);
            (at == null ? unplaced : placed).add(mark);
        }
        placed.sort(Comparator.comparing(CameraMark::id));
        unplaced.sort(Comparator.comparing(CameraMark::id));

        Map<String, List<MeterState>> metersByZone = new TreeMap<>();
        for (MeterState meter : troubledMeters) {
            metersByZone.computeIfAbsent(meter.zone() == null ? "" : meter.zone(), z -> new ArrayList<>()).add(meter);
        }
        List<ZoneMark> zones = new ArrayList<>();
        List<ZoneMark> unplacedZones = new ArrayList<>();
        for (Map.Entry<String, List<MeterState>> zone : metersByZone.entrySet()) {
            List<LatLon> its = byZone.get(zone.getKey());
            Xy at = its == null ? null : geometry.place(PlanGeometry.centre(its));
            ZoneMark mark = ZoneMark.of(zone.getKey(), at, zone.getValue());
            (at == null ? unplacedZones : zones).add(mark);
        }

        double barUnits = 0;
        long barMetres = 0;
        if (!located.isEmpty()) {
            double most = geometry.metres(WIDTH / 4);
            for (long nice : NICE_METRES) {
                if (nice <= most) {
                    barMetres = nice;
                }
            }
            barUnits = barMetres == 0 ? 0 : Math.round(barMetres / geometry.metres(1) * 10) / 10.0;
        }
        return new VillagePlan(WIDTH, HEIGHT, placed, unplaced, zones, unplacedZones, barUnits, barMetres);
    }

    /** The scale bar as an SVG path, in the bottom left corner. */
    public String scaleBar() {
        return "M 20 %s h %s".formatted(n(height - 20), n(scaleUnits));
    }

    public String scaleLabelY() {
        return n(height - 28);
    }

    static String n(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    private static LatLon at(CameraView camera) {
        if (camera.latitude() == null || camera.longitude() == null) {
            return null;
        }
        try {
            return new LatLon(camera.latitude(), camera.longitude());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A camera on the plan ({@code at} null when it has no coordinates) and what it reports. */
    @TemplateData
    public record CameraMark(String id, String name, String zone, Xy at, boolean silent, List<String> alarms) {
        /** The mark's shape, which says the state without colour: alarm, silent or ok. */
        public String state() {
            return !alarms.isEmpty() ? "alarm" : silent ? "silent" : "ok";
        }

        /** The mark's outline as an SVG path: a triangle for an alarm, a square otherwise. */
        public String outline() {
            double x = at.x();
            double y = at.y();
            return "alarm".equals(state())
                    ? "M %s %s L %s %s L %s %s Z".formatted(n(x), n(y - 10), n(x + 10), n(y + 8), n(x - 10), n(y + 8))
                    : "M %s %s h 14 v 14 h -14 Z".formatted(n(x - 7), n(y - 7));
        }

        /** The cross through a silent camera's square. */
        public String cross() {
            double x = at.x();
            double y = at.y();
            return "M %s %s L %s %s M %s %s L %s %s".formatted(n(x - 7), n(y - 7), n(x + 7), n(y + 7), n(x + 7),
                    n(y - 7), n(x - 7), n(y + 7));
        }

        public Xy label() {
            return new Xy(at.x() + 12, at.y() - 8);
        }

        public Xy mark() {
            return new Xy(at.x(), at.y() + 6);
        }
    }

    /** A zone's troubled meters, drawn as one mark at the middle of its cameras. */
    @TemplateData
    public record ZoneMark(String zone, Xy at, List<MeterState> meters, Map<String, Integer> counts) {
        static ZoneMark of(String zone, Xy at, List<MeterState> meters) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String problem : MeterStates.PROBLEMS) {
                int n = (int) meters.stream().filter(m -> m.has(problem)).count();
                if (n > 0) {
                    counts.put(problem, n);
                }
            }
            return new ZoneMark(zone, at, meters, counts);
        }

        public Xy count() {
            return new Xy(at.x(), at.y() + 5);
        }

        public Xy label() {
            return new Xy(at.x(), at.y() + 36);
        }

        /** Whether any meter here leaks or was tampered with: the mark is drawn as a warning. */
        public boolean urgent() {
            return counts.containsKey("LEAK") || counts.containsKey("TAMPER");
        }
    }
}
