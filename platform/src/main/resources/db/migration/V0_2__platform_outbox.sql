-- Messages a service publishes, written in the same transaction as the change that caused them and relayed to
-- the broker afterwards (transactional outbox): an alert or a command is never lost between commit and publish.
CREATE TABLE outbox (
    seq        BIGSERIAL   PRIMARY KEY,
    id         UUID        NOT NULL UNIQUE,
    topic      TEXT        NOT NULL,
    payload    BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    sent_at    TIMESTAMPTZ
);
CREATE INDEX outbox_unsent ON outbox (seq) WHERE sent_at IS NULL;
