package kz.aqkol.platform.db;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The identity of a row of a table partitioned by its time ({@link MonthlyPartitions}): a key there must contain the
 * partition key, so the message id is unique together with its instant, and an entity mapped to such a table names
 * both ({@code @IdClass(TimedId.class)} with {@code @Id} on {@code id} and {@code occurredAt}).
 */
@RegisterForReflection
public class TimedId implements Serializable {

    public UUID id;
    public Instant occurredAt;

    public TimedId() {
    }

    public TimedId(UUID id, Instant occurredAt) {
        this.id = id;
        this.occurredAt = occurredAt;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TimedId that && Objects.equals(id, that.id)
                && Objects.equals(occurredAt, that.occurredAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, occurredAt);
    }
}
