package kz.aqkol.alert.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A webhook that takes notifications, and the key their signatures are made with. */
@Entity
@Table(name = "receiver")
public class Receiver {

    @Id
    public String name;
    public String team;
    @Column(name = "webhook_url")
    public String webhookUrl;
    @Column(name = "signing_key")
    public String signingKey;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
}
