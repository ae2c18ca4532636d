-- Which account a meter belongs to, as a history: metering-service owns it, changes it through one API (assign,
-- move, unassign; a replacement hands the account to the successor) and publishes the whole history after each
-- change on aqkol/v1/metering/meter-assignments, so billing bills each meter to the account of each part of a
-- period. meter.account_number stays as the current owner (valves, alerts and residents' access read it).
CREATE TABLE meter_assignment (
    meter_id       TEXT        NOT NULL REFERENCES meter (id),
    account_number TEXT        NOT NULL,
    valid_from     TIMESTAMPTZ NOT NULL,
    valid_to       TIMESTAMPTZ,
    changed_at     TIMESTAMPTZ NOT NULL,
    changed_by     TEXT        NOT NULL,
    reason         TEXT        NOT NULL,
    PRIMARY KEY (meter_id, valid_from),
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX meter_assignment_account ON meter_assignment (account_number, valid_from);

-- Rises with every change of the meter's history; billing keeps the highest it has seen.
ALTER TABLE meter ADD COLUMN assignment_version BIGINT NOT NULL DEFAULT 0;

-- Existing data: each meter belonged to its account for its whole service.
INSERT INTO meter_assignment (meter_id, account_number, valid_from, valid_to, changed_at, changed_by, reason)
SELECT id, account_number, installed_at, decommissioned_at, now(), 'migration',
       'the meter''s account before histories were kept'
FROM meter WHERE account_number IS NOT NULL
  AND (decommissioned_at IS NULL OR decommissioned_at > installed_at);

UPDATE meter SET assignment_version = 1;

-- ... and billing hears every meter's history once, through the outbox, replacing the list it kept itself.
INSERT INTO outbox (id, topic, payload, created_at)
SELECT m.message_id, 'aqkol/v1/metering/meter-assignments',
       convert_to(jsonb_build_object(
           'id', m.message_id,
           'occurredAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
           'meterId', m.id,
           'version', 1,
           'assignments', coalesce((
               SELECT jsonb_agg(jsonb_build_object(
                          'accountNumber', a.account_number,
                          'from', to_char(a.valid_from AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                          'to', CASE WHEN a.valid_to IS NULL THEN NULL
                                     ELSE to_char(a.valid_to AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') END)
                          ORDER BY a.valid_from)
               FROM meter_assignment a WHERE a.meter_id = m.id), '[]'::jsonb),
           'reason', 'histories kept by metering-service from now on')::text, 'UTF8'),
       now()
FROM (SELECT gen_random_uuid() AS message_id, id FROM meter) m ORDER BY m.id;
