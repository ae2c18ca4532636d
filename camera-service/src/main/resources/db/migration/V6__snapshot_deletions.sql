-- The snapshot of every purged event, to be deleted at the recorder (the NVR that holds the footage). A row is
-- written by the very statement that deletes the event (or drops its month), so no event is purged without its
-- snapshot queued; SnapshotDeletions works them off and retries each until the recorder confirms it is gone. The
-- purge receipt shows each one's outcome.
CREATE TABLE snapshot_deletion (
    snapshot_ref    TEXT        PRIMARY KEY,
    event_id        UUID        NOT NULL,
    receipt_id      UUID        NOT NULL,
    queued_at       TIMESTAMPTZ NOT NULL,
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_error      TEXT,
    -- DELETED: the recorder deleted it; ABSENT: the recorder no longer had it
    outcome         TEXT        CHECK (outcome IN ('DELETED', 'ABSENT')),
    done_at         TIMESTAMPTZ,
    CHECK ((outcome IS NULL) = (done_at IS NULL))
);
CREATE INDEX snapshot_deletion_pending ON snapshot_deletion (next_attempt_at) WHERE done_at IS NULL;
CREATE INDEX snapshot_deletion_receipt ON snapshot_deletion (receipt_id);
