package kz.aqkol.camera.camera;

import java.time.LocalTime;

public record ZoneView(String id, String name, PrivacyClass privacyClass, LocalTime restrictedFrom,
                       LocalTime restrictedUntil) {

    public static ZoneView of(Zone zone) {
        return new ZoneView(zone.id, zone.name, zone.privacyClass, zone.restrictedFrom, zone.restrictedUntil);
    }
}
