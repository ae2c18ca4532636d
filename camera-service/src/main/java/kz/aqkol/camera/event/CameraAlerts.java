package kz.aqkol.camera.event;

import java.util.HashMap;
import java.util.Map;

/**
 * The labels of camera-service's alerts, which are raised through the platform's {@code Alerts}. The subject is stable
 * per condition ({@code camera:<id>} for a camera's state and detections, {@code watchlist:<entry>} for a watched
 * plate), so alert-service deduplicates repeats and pairs a resolve with its alert. No alert carries a plate, a plate
 * hash or a snapshot reference.
 */
public final class CameraAlerts {

    private CameraAlerts() {
    }

    public static Map<String, String> labels(String camera, String zone, String audience) {
        Map<String, String> labels = new HashMap<>();
        labels.put("camera", camera);
        if (zone != null) {
            labels.put("zone", zone);
        }
        if (audience != null) {
            labels.put("audience", audience);
        }
        return labels;
    }
}
