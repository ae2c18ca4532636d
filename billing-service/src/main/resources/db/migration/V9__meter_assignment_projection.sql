-- metering-service owns which account a meter belongs to, as a history, and publishes each meter's whole history on
-- aqkol/v1/metering/meter-assignments after every change. This is billing's projection of it: the bill run bills
-- each meter to the account that held it on each part of the period, and an account's meters are those it holds
-- now. Only the highest version of a meter's history is kept (meter_assignment_version).
CREATE TABLE meter_assignment (
    meter_id       TEXT        NOT NULL,
    account_number TEXT        NOT NULL,
    valid_from     TIMESTAMPTZ NOT NULL,
    valid_to       TIMESTAMPTZ,
    PRIMARY KEY (meter_id, valid_from),
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX meter_assignment_account ON meter_assignment (account_number, valid_from);

CREATE TABLE meter_assignment_version (
    meter_id    TEXT        PRIMARY KEY,
    version     BIGINT      NOT NULL,
    received_at TIMESTAMPTZ NOT NULL
);

-- Until metering-service's histories arrive (its own migration publishes every meter's once), the lists billing
-- kept itself stand, as if for ever; version 0 gives way to any history metering-service sends.
INSERT INTO meter_assignment (meter_id, account_number, valid_from)
SELECT meter_id, account_number, '-infinity' FROM account_meter;
INSERT INTO meter_assignment_version (meter_id, version, received_at)
SELECT meter_id, 0, now() FROM account_meter;

DROP TABLE account_meter;

-- A meter can be on one invoice twice (moved away and back within a period): a line is a meter over a part.
ALTER TABLE invoice_line DROP CONSTRAINT invoice_line_pkey;
ALTER TABLE invoice_line ADD PRIMARY KEY (invoice_id, meter_id, period_start);
