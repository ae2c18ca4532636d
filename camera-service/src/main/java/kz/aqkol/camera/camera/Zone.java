package kz.aqkol.camera.camera;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.Instant;
import java.time.LocalTime;

@Entity
public class Zone {

    @Id
    public String id;
    public String name;
    @Enumerated(EnumType.STRING)
    public PrivacyClass privacyClass;
    public LocalTime restrictedFrom;
    public LocalTime restrictedUntil;
    public Instant createdAt;
}
