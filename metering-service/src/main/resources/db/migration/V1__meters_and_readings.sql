-- Meters and what they report. Raw readings are append-only: corrections are separate edits, never updates.

CREATE TABLE meter (
    id                TEXT          PRIMARY KEY,
    utility           TEXT          NOT NULL CHECK (utility IN ('GAS', 'WATER', 'ELECTRICITY', 'HEAT')),
    unit              TEXT          NOT NULL CHECK (unit IN ('M3', 'KWH', 'GCAL')),
    register_digits   INT           NOT NULL CHECK (register_digits BETWEEN 1 AND 12),
    multiplier        NUMERIC(12, 6) NOT NULL CHECK (multiplier > 0),
    has_valve         BOOLEAN       NOT NULL,
    zone              TEXT,
    account_number    TEXT,
    installed_at      TIMESTAMPTZ   NOT NULL,
    decommissioned_at TIMESTAMPTZ,
    replaces          TEXT          REFERENCES meter (id),
    valve             TEXT          CHECK (valve IN ('OPEN', 'CLOSED')),
    created_at        TIMESTAMPTZ   NOT NULL,
    CHECK (decommissioned_at IS NULL OR decommissioned_at > installed_at)
);
CREATE INDEX meter_account ON meter (account_number) WHERE account_number IS NOT NULL;
CREATE INDEX meter_zone ON meter (zone) WHERE zone IS NOT NULL;

-- One row per message (id) and per meter and instant: a redelivered or repeated reading is stored once.
CREATE TABLE reading (
    id          UUID           PRIMARY KEY,
    meter_id    TEXT           NOT NULL REFERENCES meter (id),
    occurred_at TIMESTAMPTZ    NOT NULL,
    register    NUMERIC(20, 6) NOT NULL CHECK (register >= 0),
    flags       TEXT,
    received_at TIMESTAMPTZ    NOT NULL,
    UNIQUE (meter_id, occurred_at)
);

-- An operator's correction of the register at an instant: replaces the raw value there (or adds a point) when
-- consumption is computed, marks the affected intervals EDITED, and is also written to the audit chain.
CREATE TABLE reading_edit (
    id          UUID           PRIMARY KEY,
    meter_id    TEXT           NOT NULL REFERENCES meter (id),
    occurred_at TIMESTAMPTZ    NOT NULL,
    register    NUMERIC(20, 6) NOT NULL CHECK (register >= 0),
    reason      TEXT           NOT NULL,
    edited_by   TEXT           NOT NULL,
    edited_at   TIMESTAMPTZ    NOT NULL
);
CREATE INDEX reading_edit_meter ON reading_edit (meter_id, occurred_at);

-- Gas calorific value, versioned by the day it takes effect: m3 x MJ/m3 / 3.6 = kWh.
CREATE TABLE calorific_value (
    effective_from DATE          PRIMARY KEY,
    mj_per_m3      NUMERIC(8, 4) NOT NULL CHECK (mj_per_m3 > 0),
    reason         TEXT          NOT NULL,
    set_by         TEXT          NOT NULL,
    set_at         TIMESTAMPTZ   NOT NULL
);
-- Kazakhstan's pipeline gas: about 8,000 kcal/m3 (33.5 MJ/m3). Operators add the supplier's certified values.
INSERT INTO calorific_value (effective_from, mj_per_m3, reason, set_by, set_at)
VALUES ('2000-01-01', 33.5000, 'default until the supplier''s certified value is entered', 'system', now());

-- What billing was told a meter consumed over a period: a later change to that period is a correction.
CREATE TABLE consumption_snapshot (
    meter_id     TEXT           NOT NULL REFERENCES meter (id),
    period_start TIMESTAMPTZ    NOT NULL,
    period_end   TIMESTAMPTZ    NOT NULL,
    quantity     NUMERIC(20, 6) NOT NULL,
    taken_at     TIMESTAMPTZ    NOT NULL,
    checked_at   TIMESTAMPTZ    NOT NULL,
    PRIMARY KEY (meter_id, period_start, period_end)
);

-- The detectors' memory: which conditions are active, so alerts are raised and resolved once each.
CREATE TABLE meter_condition (
    meter_id   TEXT        NOT NULL REFERENCES meter (id),
    type       TEXT        NOT NULL,
    active     BOOLEAN     NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL,
    detail     TEXT,
    PRIMARY KEY (meter_id, type)
);

-- Valve commands and their outcome. cause_id ties a command to the account-status message that caused it.
CREATE TABLE valve_command (
    id           UUID        PRIMARY KEY,
    meter_id     TEXT        NOT NULL REFERENCES meter (id),
    action       TEXT        NOT NULL CHECK (action IN ('CLOSE_VALVE', 'OPEN_VALVE')),
    reason       TEXT        NOT NULL,
    requested_by TEXT        NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL,
    status       TEXT        NOT NULL CHECK (status IN ('PENDING', 'DONE', 'FAILED', 'TIMED_OUT')),
    answered_at  TIMESTAMPTZ,
    valve        TEXT        CHECK (valve IN ('OPEN', 'CLOSED')),
    cause_id     UUID
);
CREATE INDEX valve_command_meter ON valve_command (meter_id, requested_at DESC);
CREATE INDEX valve_command_pending ON valve_command (requested_at) WHERE status = 'PENDING';
CREATE UNIQUE INDEX valve_command_cause ON valve_command (cause_id, meter_id) WHERE cause_id IS NOT NULL;

-- Each account's standing as billing last announced it.
CREATE TABLE account_standing (
    account_number TEXT        PRIMARY KEY,
    status         TEXT        NOT NULL,
    changed_at     TIMESTAMPTZ NOT NULL,
    message_id     UUID        NOT NULL
);
