-- A notice given up is marked so, as alert-service marks its notifications, instead of being known by its count of
-- attempts: the platform's webhook delivery decides when to give up, and the table records it. Notices that had
-- already used their 10 attempts were given up then.
ALTER TABLE webhook_notice ADD COLUMN gave_up_at TIMESTAMPTZ;
UPDATE webhook_notice SET gave_up_at = now() WHERE delivered_at IS NULL AND attempts >= 10;
CREATE INDEX webhook_notice_pending ON webhook_notice (next_at, id) WHERE delivered_at IS NULL AND gave_up_at IS NULL;
DROP INDEX webhook_notice_due;
