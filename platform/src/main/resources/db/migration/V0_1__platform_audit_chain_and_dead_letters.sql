-- Shipped by the platform library into every service's database. Platform migrations are numbered 0.x so that
-- each service's own migrations (1, 2, …) always follow them.

-- The access-audit chain: append-only, each entry carries the hash of the one before it.
CREATE TABLE audit_entry (
    seq             BIGINT      PRIMARY KEY,
    occurred_at     TIMESTAMPTZ NOT NULL,
    actor           TEXT        NOT NULL,
    role            TEXT        NOT NULL,
    action          TEXT        NOT NULL,
    object_type     TEXT        NOT NULL,
    object_id       TEXT,
    subject_account TEXT,
    purpose         TEXT,
    detail          TEXT,
    prev_hash       CHAR(64)    NOT NULL,
    hash            CHAR(64)    NOT NULL UNIQUE
);
CREATE INDEX audit_entry_subject_account ON audit_entry (subject_account, seq) WHERE subject_account IS NOT NULL;
CREATE INDEX audit_entry_actor ON audit_entry (actor, seq);

-- The chain's head: one row, locked by every append so entries are added one at a time, and compared with the
-- last entry on verification so that removing entries from the end is detected too.
CREATE TABLE audit_head (
    id   SMALLINT PRIMARY KEY CHECK (id = 1),
    seq  BIGINT   NOT NULL,
    hash CHAR(64) NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));

-- Messages the service refused, kept so that nothing sent to it is lost even when nobody listens on the DLQ topic.
CREATE TABLE dead_letter (
    id          UUID        PRIMARY KEY,
    received_at TIMESTAMPTZ NOT NULL,
    channel     TEXT        NOT NULL,
    topic       TEXT        NOT NULL,
    reason      TEXT        NOT NULL,
    field       TEXT,
    payload     BYTEA       NOT NULL
);
CREATE INDEX dead_letter_received ON dead_letter (received_at DESC);
