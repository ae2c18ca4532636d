-- Who owns an alert, where it is in its escalation, and which route took it.
ALTER TABLE alert ADD COLUMN acknowledged_at TIMESTAMPTZ;
ALTER TABLE alert ADD COLUMN acknowledged_by TEXT;
ALTER TABLE alert ADD COLUMN assignee TEXT;
ALTER TABLE alert ADD COLUMN generator_url TEXT;
ALTER TABLE alert ADD COLUMN escalation_level INT NOT NULL DEFAULT 0;
ALTER TABLE alert ADD COLUMN next_escalation_at TIMESTAMPTZ;
CREATE INDEX alert_escalation_due ON alert (next_escalation_at) WHERE status = 'OPEN';
CREATE INDEX alert_labels ON alert USING gin (labels);
-- message ids are kept for deduplication, not forever: old ones are pruned
CREATE INDEX alert_message_received ON alert_message (received_at);

-- Every change of an alert, and who made it.
CREATE TABLE alert_event (
    id       BIGSERIAL   PRIMARY KEY,
    alert_id UUID        NOT NULL REFERENCES alert (id),
    at       TIMESTAMPTZ NOT NULL,
    kind     TEXT        NOT NULL,
    actor    TEXT        NOT NULL,
    detail   TEXT
);
CREATE INDEX alert_event_alert ON alert_event (alert_id, id);

-- Where notifications go: a webhook, signed with the receiver's own key.
CREATE TABLE receiver (
    name        TEXT        PRIMARY KEY,
    team        TEXT,
    webhook_url TEXT        NOT NULL,
    signing_key TEXT        NOT NULL,
    created_by  TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);

-- The routing tree (and inhibition rules) as operators last saved it; every version is kept.
CREATE TABLE routing_version (
    version    BIGSERIAL   PRIMARY KEY,
    config     JSONB       NOT NULL,
    saved_by   TEXT        NOT NULL,
    saved_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE silence (
    id         UUID        PRIMARY KEY,
    matchers   JSONB       NOT NULL,
    starts_at  TIMESTAMPTZ NOT NULL,
    ends_at    TIMESTAMPTZ NOT NULL,
    created_by TEXT        NOT NULL,
    comment    TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX silence_active ON silence (ends_at);

-- A notification group (route + group-by label values): when it is next due, and what it last sent.
CREATE TABLE notification_group (
    group_key     TEXT        PRIMARY KEY,
    route         TEXT        NOT NULL,
    receiver      TEXT        NOT NULL,
    group_labels  JSONB       NOT NULL,
    -- the route's timers when the group was last touched (routes can be reconfigured)
    group_interval_ms BIGINT  NOT NULL,
    repeat_interval_ms BIGINT NOT NULL,
    due_at        TIMESTAMPTZ,
    last_sent_at  TIMESTAMPTZ,
    last_digest   TEXT,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX notification_group_due ON notification_group (due_at) WHERE due_at IS NOT NULL;

-- Notifications to deliver, at least once: retried with backoff until the receiver takes them.
CREATE TABLE notification (
    id              UUID        PRIMARY KEY,
    receiver        TEXT        NOT NULL,
    group_key       TEXT,
    kind            TEXT        NOT NULL,
    -- exactly the body the webhook receives (and its signature covers)
    payload         TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ,
    delivered_at    TIMESTAMPTZ,
    gave_up_at      TIMESTAMPTZ
);
CREATE INDEX notification_pending ON notification (next_attempt_at) WHERE delivered_at IS NULL AND gave_up_at IS NULL;

CREATE TABLE delivery_attempt (
    id              BIGSERIAL   PRIMARY KEY,
    notification_id UUID        NOT NULL REFERENCES notification (id),
    at              TIMESTAMPTZ NOT NULL,
    status          INT,
    error           TEXT,
    duration_ms     BIGINT      NOT NULL
);
CREATE INDEX delivery_attempt_notification ON delivery_attempt (notification_id, id);

-- The route that took an alert (for its escalation) and the notification groups it belongs to.
ALTER TABLE alert ADD COLUMN route TEXT;
CREATE TABLE alert_group (
    group_key TEXT NOT NULL,
    alert_id  UUID NOT NULL REFERENCES alert (id),
    PRIMARY KEY (group_key, alert_id)
);
