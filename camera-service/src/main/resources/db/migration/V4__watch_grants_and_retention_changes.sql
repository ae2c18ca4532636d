-- A watch-list entry lives under an access grant an auditor approved, and ends at its own expiry or when the
-- grant ends, whichever is first. Entries from before this rule have no grant: they are ended here, and matching
-- (which joins the grant) would ignore them anyway.
ALTER TABLE watch_entry ADD COLUMN grant_id UUID REFERENCES access_grant (id), ADD COLUMN expires_at TIMESTAMPTZ;
UPDATE watch_entry SET expires_at = coalesce(removed_at, added_at) WHERE expires_at IS NULL;
ALTER TABLE watch_entry ALTER COLUMN expires_at SET NOT NULL;
CREATE INDEX watch_entry_grant ON watch_entry (grant_id);
CREATE INDEX watch_entry_added ON watch_entry (added_at);

-- INCIDENT grants are checked against the requester's other open INCIDENT grants (no chaining).
CREATE INDEX access_grant_incident_open ON access_grant (requested_by) WHERE purpose = 'INCIDENT' AND status = 'ACTIVE';

-- Changes to retention: raising one applies at once (APPLIED); lowering one waits (PENDING) until an auditor who is
-- not the requester approves (APPLIED) or denies (DENIED) it, since a shorter retention destroys records.
CREATE TABLE retention_change (
    id            UUID        PRIMARY KEY,
    privacy_class TEXT        NOT NULL,
    event_type    TEXT        NOT NULL,
    from_days     INT         NOT NULL,
    to_days       INT         NOT NULL CHECK (to_days BETWEEN 1 AND 3650),
    status        TEXT        NOT NULL CHECK (status IN ('PENDING', 'APPLIED', 'DENIED')),
    requested_by  TEXT        NOT NULL,
    requested_at  TIMESTAMPTZ NOT NULL,
    decided_by    TEXT,
    decided_at    TIMESTAMPTZ,
    FOREIGN KEY (privacy_class, event_type) REFERENCES retention_policy (privacy_class, event_type)
);
CREATE INDEX retention_change_requested ON retention_change (requested_at);
