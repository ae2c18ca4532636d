-- Resident accounts. The account number is also the resident's JWT subject.
CREATE TABLE account (
    number          TEXT        PRIMARY KEY,
    holder          TEXT        NOT NULL,
    address         TEXT        NOT NULL,
    zone            TEXT,
    social_category TEXT        NOT NULL DEFAULT 'NONE',
    webhook_url     TEXT,
    auto_pay        BOOLEAN     NOT NULL DEFAULT FALSE,
    status          TEXT        NOT NULL CHECK (status IN ('ACTIVE', 'OVERDUE', 'BLOCKED', 'CLOSED')),
    created_at      TIMESTAMPTZ NOT NULL
);

CREATE TABLE account_meter (
    account_number TEXT NOT NULL REFERENCES account (number),
    meter_id       TEXT NOT NULL UNIQUE,
    PRIMARY KEY (account_number, meter_id)
);

-- Consumption metering-service corrected after the fact, kept by message id until billing settles it.
CREATE TABLE consumption_correction (
    id                 UUID           PRIMARY KEY,
    meter_id           TEXT           NOT NULL,
    account_number     TEXT,
    period_start       TIMESTAMPTZ    NOT NULL,
    period_end         TIMESTAMPTZ    NOT NULL,
    previous_quantity  NUMERIC(20, 6) NOT NULL,
    corrected_quantity NUMERIC(20, 6) NOT NULL,
    unit               TEXT           NOT NULL,
    reason             TEXT           NOT NULL,
    occurred_at        TIMESTAMPTZ    NOT NULL,
    received_at        TIMESTAMPTZ    NOT NULL,
    settled_at         TIMESTAMPTZ
);
CREATE INDEX consumption_correction_unsettled ON consumption_correction (received_at) WHERE settled_at IS NULL;
