package kz.aqkol.portal.console;

import java.util.Collection;

/**
 * Where a point of the village lands on the plan: latitude and longitude projected equirectangularly (a degree of
 * longitude shortened by the cosine of the village's latitude, which over a village's few kilometres is as good as
 * any map projection), scaled so that every point fits the drawing with a margin, north up, the same scale on both
 * axes so that distances are true. No tiles, no network: just the points the services know.
 */
public final class PlanGeometry {

    /** Metres per degree of latitude (mean Earth radius). */
    static final double METRES_PER_DEGREE = 111_195.0;

    private final double width;
    private final double height;
    private final double minLat;
    private final double maxLat;
    private final double minLon;
    private final double cosLat;
    private final double scale;
    private final double offsetX;
    private final double offsetY;

    private PlanGeometry(double width, double height, double margin, double minLat, double maxLat, double minLon,
                         double maxLon) {
        this.width = width;
        this.height = height;
        this.minLat = minLat;
        this.maxLat = maxLat;
        this.minLon = minLon;
        this.cosLat = Math.cos(Math.toRadians((minLat + maxLat) / 2));
        double spanX = (maxLon - minLon) * cosLat;
        double spanY = maxLat - minLat;
        double inner = Math.min(width - 2 * margin, height - 2 * margin);
        double byX = spanX > 0 ? (width - 2 * margin) / spanX : Double.POSITIVE_INFINITY;
        double byY = spanY > 0 ? (height - 2 * margin) / spanY : Double.POSITIVE_INFINITY;
        double fit = Math.min(byX, byY);
        // one point, or all in one place: draw them in the middle at a scale of the inner box per ~100 m
        this.scale = Double.isInfinite(fit) ? inner / (100 / METRES_PER_DEGREE) : fit;
        this.offsetX = (width - spanX * scale) / 2;
        this.offsetY = (height - spanY * scale) / 2;
    }

    /** A plan of {@code width} × {@code height} that shows every point, {@code margin} away from its edges. */
    public static PlanGeometry fitting(Collection<LatLon> points, double width, double height, double margin) {
        if (points.isEmpty()) {
            return new PlanGeometry(width, height, margin, 0, 0, 0, 0);
        }
        double minLat = Double.POSITIVE_INFINITY;
        double maxLat = Double.NEGATIVE_INFINITY;
        double minLon = Double.POSITIVE_INFINITY;
        double maxLon = Double.NEGATIVE_INFINITY;
        for (LatLon p : points) {
            minLat = Math.min(minLat, p.lat());
            maxLat = Math.max(maxLat, p.lat());
            minLon = Math.min(minLon, p.lon());
            maxLon = Math.max(maxLon, p.lon());
        }
        return new PlanGeometry(width, height, margin, minLat, maxLat, minLon, maxLon);
    }

    /** Where the point is drawn: x to the east, y to the south (SVG), in the plan's units. */
    public Xy place(LatLon point) {
        double x = offsetX + (point.lon() - minLon) * cosLat * scale;
        double y = offsetY + (maxLat - point.lat()) * scale;
        return new Xy(round(x), round(y));
    }

    /** How many metres {@code units} of the plan stand for, for a scale bar. */
    public double metres(double units) {
        return units / scale * METRES_PER_DEGREE;
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    /** The mean of the points: where a zone's meters are drawn, at the middle of its cameras. */
    public static LatLon centre(Collection<LatLon> points) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no points to take the centre of");
        }
        double lat = 0;
        double lon = 0;
        for (LatLon p : points) {
            lat += p.lat();
            lon += p.lon();
        }
        return new LatLon(lat / points.size(), lon / points.size());
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** A point on the Earth, in degrees. */
    public record LatLon(double lat, double lon) {
        public LatLon {
            if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
                throw new IllegalArgumentException("not a place on Earth: " + lat + ", " + lon);
            }
        }
    }

    /** A point of the drawing. */
    @io.quarkus.qute.TemplateData
    public record Xy(double x, double y) {
    }
}
