package kz.aqkol.camera.camera;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalTime;

@Entity
@Table(name = "zone")
public class Zone {

    @Id
    public String id;
    public String name;
    @Enumerated(EnumType.STRING)
    @Column(name = "privacy_class")
    public PrivacyClass privacyClass;
    @Column(name = "restricted_from")
    public LocalTime restrictedFrom;
    @Column(name = "restricted_until")
    public LocalTime restrictedUntil;
    @Column(name = "created_at")
    public Instant createdAt;
}
