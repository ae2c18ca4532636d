package kz.aqkol.camera.camera;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "zone")
public class Zone {

    @Id
    public String id;
    public String name;
    @Enumerated(EnumType.STRING)
    @Column(name = "privacy_class")
    public PrivacyClass privacyClass;
    @Column(name = "created_at")
    public Instant createdAt;
}
