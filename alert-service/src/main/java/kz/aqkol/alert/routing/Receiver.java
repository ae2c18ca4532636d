package kz.aqkol.alert.routing;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;

/** A webhook that takes notifications, and the key their signatures are made with. */
@Entity
public class Receiver {

    @Id
    public String name;
    public String team;
    public String webhookUrl;
    public String signingKey;
    public String createdBy;
    public Instant createdAt;
}
