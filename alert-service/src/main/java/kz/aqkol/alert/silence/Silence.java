package kz.aqkol.alert.silence;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.alert.routing.Matcher;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Alerts matching every matcher between {@code startsAt} and {@code endsAt} are kept but not notified. */
@Entity
public class Silence {

    @Id
    public UUID id;
    /** Kept as a JSON object ({@code {"all": [...]}}): the reactive driver maps JSON columns to objects. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Matchers matchers;
    public Instant startsAt;
    public Instant endsAt;
    public String createdBy;
    public String comment;
    public Instant createdAt;

    public boolean activeAt(Instant at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt);
    }

    public boolean silences(Map<String, String> labels, Instant at) {
        return activeAt(at) && matchers.all().stream().allMatch(m -> m.matches(labels));
    }

    /** The silence's matchers, all of which an alert must satisfy. */
    public record Matchers(List<Matcher> all) {
    }

    public String state(Instant at) {
        return at.isBefore(startsAt) ? "pending" : at.isBefore(endsAt) ? "active" : "expired";
    }
}
