-- One row per condition while it lasts: the same fingerprint while open counts up instead of adding a row.
CREATE TABLE alert (
    id              UUID        PRIMARY KEY,
    fingerprint     CHAR(64)    NOT NULL,
    source          TEXT        NOT NULL,
    type            TEXT        NOT NULL,
    subject         TEXT        NOT NULL,
    severity        TEXT        NOT NULL CHECK (severity IN ('CRITICAL', 'MAJOR', 'MINOR', 'WARNING', 'INFO')),
    status          TEXT        NOT NULL CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')),
    summary         TEXT        NOT NULL,
    labels          JSONB       NOT NULL,
    occurrences     BIGINT      NOT NULL,
    first_seen      TIMESTAMPTZ NOT NULL,
    last_seen       TIMESTAMPTZ NOT NULL,
    resolved_at     TIMESTAMPTZ,
    version         BIGINT      NOT NULL
);
-- At most one alert per fingerprint is not resolved.
CREATE UNIQUE INDEX alert_open_fingerprint ON alert (fingerprint) WHERE status <> 'RESOLVED';
CREATE INDEX alert_last_seen ON alert (last_seen DESC);

-- Every message taken in, by id: a redelivered message is recognised and changes nothing.
CREATE TABLE alert_message (
    id          UUID        PRIMARY KEY,
    alert_id    UUID        NOT NULL REFERENCES alert (id),
    received_at TIMESTAMPTZ NOT NULL
);
