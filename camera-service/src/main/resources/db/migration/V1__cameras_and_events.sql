-- Zones carry the privacy class that drives retention and who may see what.
CREATE TABLE zone (
    id            TEXT        PRIMARY KEY,
    name          TEXT        NOT NULL,
    privacy_class TEXT        NOT NULL CHECK (privacy_class IN ('PUBLIC', 'RESIDENTIAL', 'RESTRICTED')),
    created_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE camera (
    id               TEXT        PRIMARY KEY,
    name             TEXT        NOT NULL,
    location         TEXT,
    zone_id          TEXT        NOT NULL REFERENCES zone (id),
    kind             TEXT        NOT NULL,
    stream_url       TEXT,
    online           BOOLEAN,
    last_seen        TIMESTAMPTZ,
    firmware         TEXT,
    storage_free_pct INT,
    created_at       TIMESTAMPTZ NOT NULL
);

-- Detections, append-only and idempotent by message id. Plates are never stored in clear: plate_hash is an
-- HMAC under a secret key, so a plate can only be looked up by someone who supplies it.
CREATE TABLE detection_event (
    id           UUID        PRIMARY KEY,
    camera_id    TEXT        NOT NULL REFERENCES camera (id),
    occurred_at  TIMESTAMPTZ NOT NULL,
    type         TEXT        NOT NULL,
    confidence   NUMERIC(4, 3) NOT NULL,
    zone_id      TEXT        NOT NULL REFERENCES zone (id),
    plate_hash   CHAR(64),
    snapshot_ref TEXT,
    received_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX detection_event_time ON detection_event (occurred_at DESC);
CREATE INDEX detection_event_camera ON detection_event (camera_id, occurred_at DESC);
CREATE INDEX detection_event_plate ON detection_event (plate_hash) WHERE plate_hash IS NOT NULL;
