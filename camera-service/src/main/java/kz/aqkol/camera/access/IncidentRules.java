package kz.aqkol.camera.access;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The bounds of INCIDENT grants, which are active at once without a second person: their footage window reaches
 * back a bounded time before the grant was made, and one person holds at most one open INCIDENT grant over a place,
 * so that grants cannot be chained to widen what one person sees without an auditor.
 */
final class IncidentRules {

    private IncidentRules() {
    }

    /** Whether a window from {@code from} reaches back further than {@code lookback} before {@code createdAt}. */
    static boolean reachesTooFar(Instant from, Instant createdAt, Duration lookback) {
        return from.isBefore(createdAt.minus(lookback));
    }

    /** Where a grant looks: its cameras (each with the zone it stands in) or a zone. */
    record Place(Map<String, String> cameraZones, String zone) {

        /** {@code zones} maps camera ids to their zones; cameras it does not know keep a null zone. */
        static Place of(Collection<String> cameras, String zone, Map<String, String> zones) {
            Map<String, String> cameraZones = new HashMap<>();
            cameras.forEach(camera -> cameraZones.put(camera, zones.get(camera)));
            return new Place(cameraZones, zone);
        }
    }

    /** Whether two places share a camera: the same camera, the same zone, or a camera of one in the other's zone. */
    static boolean overlap(Place a, Place b) {
        if (a.cameraZones().keySet().stream().anyMatch(b.cameraZones()::containsKey)) {
            return true;
        }
        if (a.zone() != null && (a.zone().equals(b.zone()) || b.cameraZones().containsValue(a.zone()))) {
            return true;
        }
        return b.zone() != null && a.cameraZones().values().stream().anyMatch(z -> Objects.equals(z, b.zone()));
    }
}
