package kz.aqkol.camera.camera;

public record ZoneView(String id, String name, PrivacyClass privacyClass) {

    public static ZoneView of(Zone zone) {
        return new ZoneView(zone.id, zone.name, zone.privacyClass);
    }
}
