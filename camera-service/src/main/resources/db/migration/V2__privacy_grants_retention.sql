-- Whether an OFFLINE alert is open for the camera: raised once when it falls silent, resolved once when it speaks.
ALTER TABLE camera ADD COLUMN offline_alerted BOOLEAN NOT NULL DEFAULT FALSE;
-- Where the camera stands (WGS 84), for maps.
ALTER TABLE camera ADD COLUMN latitude DOUBLE PRECISION, ADD COLUMN longitude DOUBLE PRECISION;

-- Search walks (camera | zone | everything, occurred_at, id) backwards: keyset pagination stays an index range scan
-- at any depth, and one camera's day is one contiguous slice of the index.
DROP INDEX detection_event_time;
DROP INDEX detection_event_camera;
CREATE INDEX detection_event_camera_time ON detection_event (camera_id, occurred_at, id);
CREATE INDEX detection_event_zone_time ON detection_event (zone_id, occurred_at, id);
CREATE INDEX detection_event_time ON detection_event (occurred_at, id);

-- Watch-list: plates only as their keyed hash (an operator supplies the plate, the service hashes it), each with
-- the case that justifies watching for it.
CREATE TABLE watch_entry (
    id         UUID        PRIMARY KEY,
    plate_hash CHAR(64)    NOT NULL,
    case_ref   TEXT        NOT NULL,
    note       TEXT,
    added_by   TEXT        NOT NULL,
    added_at   TIMESTAMPTZ NOT NULL,
    removed_by TEXT,
    removed_at TIMESTAMPTZ
);
CREATE INDEX watch_entry_active_hash ON watch_entry (plate_hash) WHERE removed_at IS NULL;

-- Purpose-bound, time-limited access to event details. Scope: cameras (comma-separated ids) or a zone, and a
-- footage window [window_from, window_to). INCIDENT grants are active at once (break-glass, short expiry, reviewed
-- afterwards); INVESTIGATION and MAINTENANCE wait for an auditor who is not the requester.
CREATE TABLE access_grant (
    id           UUID        PRIMARY KEY,
    requested_by TEXT        NOT NULL,
    purpose      TEXT        NOT NULL CHECK (purpose IN ('INCIDENT', 'INVESTIGATION', 'MAINTENANCE')),
    case_ref     TEXT        NOT NULL,
    camera_ids   TEXT,
    zone_id      TEXT        REFERENCES zone (id),
    window_from  TIMESTAMPTZ NOT NULL,
    window_to    TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    status       TEXT        NOT NULL CHECK (status IN ('PENDING', 'ACTIVE', 'DENIED', 'REVOKED')),
    reason       TEXT,
    decided_by   TEXT,
    decided_at   TIMESTAMPTZ,
    decision_note TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    CHECK (camera_ids IS NOT NULL OR zone_id IS NOT NULL),
    CHECK (window_from < window_to)
);
CREATE INDEX access_grant_open ON access_grant (expires_at) WHERE status IN ('PENDING', 'ACTIVE');
CREATE INDEX access_grant_requester ON access_grant (requested_by, created_at);

-- Exports of snapshot references: requested by a grant's holder, approved by a second person (an auditor), valid
-- for a limited time after approval.
CREATE TABLE event_export (
    id           UUID        PRIMARY KEY,
    grant_id     UUID        NOT NULL REFERENCES access_grant (id),
    requested_by TEXT        NOT NULL,
    window_from  TIMESTAMPTZ NOT NULL,
    window_to    TIMESTAMPTZ NOT NULL,
    status       TEXT        NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'DENIED')),
    decided_by   TEXT,
    decided_at   TIMESTAMPTZ,
    expires_at   TIMESTAMPTZ,
    created_at   TIMESTAMPTZ NOT NULL
);

-- How long events are kept, per zone privacy class and event type.
CREATE TABLE retention_policy (
    privacy_class TEXT        NOT NULL CHECK (privacy_class IN ('PUBLIC', 'RESIDENTIAL', 'RESTRICTED')),
    event_type    TEXT        NOT NULL,
    days          INT         NOT NULL CHECK (days BETWEEN 1 AND 3650),
    changed_at    TIMESTAMPTZ,
    changed_by    TEXT,
    PRIMARY KEY (privacy_class, event_type)
);
INSERT INTO retention_policy (privacy_class, event_type, days)
SELECT c.class, t.type, CASE
        WHEN t.type IN ('FIRE', 'SMOKE') THEN 365
        WHEN t.type = 'TAMPER' THEN 90
        WHEN t.type = 'MOTION' THEN CASE WHEN c.class = 'RESIDENTIAL' THEN 3 ELSE 7 END
        ELSE CASE WHEN c.class = 'RESIDENTIAL' THEN 14 ELSE 30 END
    END
FROM (VALUES ('PUBLIC'), ('RESIDENTIAL'), ('RESTRICTED')) AS c (class),
     (VALUES ('MOTION'), ('PERSON'), ('VEHICLE'), ('PLATE'), ('FIRE'), ('SMOKE'), ('TAMPER'), ('CROWD')) AS t (type);

-- What each purge removed (the same receipt is in the audit chain), for operators and the transparency report.
CREATE TABLE purge_receipt (
    id          UUID        PRIMARY KEY,
    ran_at      TIMESTAMPTZ NOT NULL,
    trigger     TEXT        NOT NULL,
    purged      BIGINT      NOT NULL,
    held        BIGINT      NOT NULL,
    oldest      TIMESTAMPTZ,
    newest      TIMESTAMPTZ,
    counts      TEXT        NOT NULL,
    policy      TEXT        NOT NULL,
    audit_seq   BIGINT
);
CREATE INDEX purge_receipt_ran ON purge_receipt (ran_at);
