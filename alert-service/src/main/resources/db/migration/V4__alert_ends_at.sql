-- Alerts posted through Alertmanager's API hold until their endsAt unless the sender raises them again (Prometheus
-- re-sends firing alerts with a later endsAt); the index finds the ones whose time has passed.
ALTER TABLE alert ADD COLUMN ends_at timestamptz;
CREATE INDEX alert_open_ends_at ON alert (ends_at) WHERE status <> 'RESOLVED' AND ends_at IS NOT NULL;
