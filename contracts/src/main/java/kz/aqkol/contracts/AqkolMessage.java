package kz.aqkol.contracts;

import java.time.Instant;
import java.util.UUID;

/** What every message on the bus carries: an idempotency key and the time the fact happened (UTC). */
public interface AqkolMessage {

    UUID id();

    Instant occurredAt();
}
