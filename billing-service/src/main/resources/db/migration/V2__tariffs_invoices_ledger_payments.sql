-- Tables that hold history are append-only: a trigger refuses to change or remove their rows.
CREATE FUNCTION billing_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: add a new row instead', TG_TABLE_NAME;
END
$$ LANGUAGE plpgsql;

-- Where an account stands in dunning (null: not overdue).
ALTER TABLE account ADD COLUMN dunning_stage TEXT;

-- Tariff versions. A version is never edited: a change is a new version with its own effective-from date, its
-- author and its reason. For a day, the version with the latest effective_from on or before it applies (the
-- highest version number when two start the same day).
CREATE TABLE tariff (
    id                   BIGSERIAL   PRIMARY KEY,
    utility              TEXT        NOT NULL CHECK (utility IN ('GAS', 'WATER', 'ELECTRICITY', 'HEAT')),
    version              INT         NOT NULL,
    effective_from       DATE        NOT NULL,
    unit                 TEXT        NOT NULL,
    standing_charge_tiyn BIGINT      NOT NULL CHECK (standing_charge_tiyn >= 0),
    blocks               JSONB       NOT NULL,
    discounts            JSONB       NOT NULL,
    created_by           TEXT        NOT NULL,
    reason               TEXT        NOT NULL,
    created_at           TIMESTAMPTZ NOT NULL,
    UNIQUE (utility, version)
);
CREATE TRIGGER tariff_append_only BEFORE UPDATE OR DELETE ON tariff
    FOR EACH ROW EXECUTE FUNCTION billing_append_only();

-- Bill runs and what became of each account in them.
CREATE TABLE bill_run (
    id           UUID        PRIMARY KEY,
    period       TEXT        NOT NULL,
    accounts     TEXT[],
    requested_by TEXT        NOT NULL,
    status       TEXT        NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED')),
    started_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ,
    error        TEXT
);

CREATE TABLE bill_run_item (
    run_id         UUID        NOT NULL REFERENCES bill_run (id),
    account_number TEXT        NOT NULL,
    status         TEXT        NOT NULL CHECK (status IN ('INVOICED', 'ALREADY_INVOICED', 'PENDING', 'NO_METERS')),
    invoice_id     UUID,
    detail         TEXT,
    updated_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (run_id, account_number)
);
CREATE INDEX bill_run_item_pending ON bill_run_item (run_id) WHERE status = 'PENDING';

-- Invoices, supplementary invoices and credit notes. bill_key (account|period) is set on a period's regular
-- invoice only: a period is invoiced once per account however often it is run.
CREATE TABLE invoice (
    id             UUID        PRIMARY KEY,
    account_number TEXT        NOT NULL REFERENCES account (number),
    kind           TEXT        NOT NULL CHECK (kind IN ('INVOICE', 'SUPPLEMENTARY', 'CREDIT_NOTE')),
    period         TEXT        NOT NULL,
    bill_key       TEXT        UNIQUE,
    original_id    UUID        REFERENCES invoice (id),
    total_tiyn     BIGINT      NOT NULL CHECK (total_tiyn >= 0),
    settled_tiyn   BIGINT      NOT NULL DEFAULT 0,
    currency       TEXT        NOT NULL DEFAULT 'KZT',
    issued_at      TIMESTAMPTZ NOT NULL,
    due_date       DATE        NOT NULL,
    run_id         UUID,
    disputed       BOOLEAN     NOT NULL DEFAULT FALSE,
    explanation    JSONB       NOT NULL,
    CHECK (settled_tiyn BETWEEN 0 AND total_tiyn)
);
CREATE INDEX invoice_by_account ON invoice (account_number, issued_at DESC, id);
CREATE INDEX invoice_open ON invoice (account_number, due_date)
    WHERE settled_tiyn < total_tiyn AND kind <> 'CREDIT_NOTE';
CREATE INDEX invoice_open_due ON invoice (due_date)
    WHERE settled_tiyn < total_tiyn AND kind <> 'CREDIT_NOTE';

-- One row per meter billed on an invoice: what corrections are matched against.
CREATE TABLE invoice_line (
    invoice_id   UUID           NOT NULL REFERENCES invoice (id),
    meter_id     TEXT           NOT NULL,
    utility      TEXT           NOT NULL,
    period_start TIMESTAMPTZ    NOT NULL,
    period_end   TIMESTAMPTZ    NOT NULL,
    quantity     NUMERIC(20, 6) NOT NULL,
    amount_tiyn  BIGINT         NOT NULL,
    PRIMARY KEY (invoice_id, meter_id)
);
CREATE INDEX invoice_line_by_meter ON invoice_line (meter_id, period_start);

-- The double-entry ledger. Every transaction's entries sum to zero (debits positive, credits negative); balances
-- are sums of entries and are never stored. Accounts: RECEIVABLE/<account>, REVENUE/<utility>, CASH/-,
-- WALLET/<account> (a liability: what residents prepaid).
CREATE TABLE ledger_txn (
    id             UUID        PRIMARY KEY,
    kind           TEXT        NOT NULL,
    account_number TEXT        NOT NULL,
    reference      TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    UNIQUE (kind, reference)
);

CREATE TABLE ledger_entry (
    id             BIGSERIAL PRIMARY KEY,
    txn_id         UUID      NOT NULL REFERENCES ledger_txn (id),
    ledger_account TEXT      NOT NULL CHECK (ledger_account IN ('RECEIVABLE', 'REVENUE', 'CASH', 'WALLET')),
    party          TEXT      NOT NULL,
    amount_tiyn    BIGINT    NOT NULL CHECK (amount_tiyn <> 0)
);
CREATE INDEX ledger_entry_by_txn ON ledger_entry (txn_id);
CREATE INDEX ledger_entry_by_account ON ledger_entry (ledger_account, party);
CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION billing_append_only();
CREATE TRIGGER ledger_txn_append_only BEFORE UPDATE OR DELETE ON ledger_txn
    FOR EACH ROW EXECUTE FUNCTION billing_append_only();

-- Checked at commit: a transaction whose entries do not sum to zero cannot be committed.
CREATE FUNCTION ledger_txn_balanced() RETURNS trigger AS $$
DECLARE
    total BIGINT;
BEGIN
    SELECT coalesce(sum(amount_tiyn), 0) INTO total FROM ledger_entry WHERE txn_id = NEW.txn_id;
    IF total <> 0 THEN
        RAISE EXCEPTION 'ledger transaction % does not balance (%)', NEW.txn_id, total;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE CONSTRAINT TRIGGER ledger_entry_balanced AFTER INSERT ON ledger_entry
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_txn_balanced();

-- Money received: payments (settling invoices, the rest to the wallet) and wallet top-ups.
CREATE TABLE payment (
    id                 UUID        PRIMARY KEY,
    account_number     TEXT        NOT NULL REFERENCES account (number),
    amount_tiyn        BIGINT      NOT NULL CHECK (amount_tiyn > 0),
    to_invoices_tiyn   BIGINT      NOT NULL,
    to_wallet_tiyn     BIGINT      NOT NULL,
    kind               TEXT        NOT NULL CHECK (kind IN ('PAYMENT', 'TOP_UP')),
    channel            TEXT        NOT NULL,
    provider_reference TEXT,
    received_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX payment_by_account ON payment (account_number, received_at DESC);

-- Idempotency keys: the first request's fingerprint and response, per caller. The primary key is what makes
-- concurrent duplicates wait for the first and then replay it.
CREATE TABLE idempotency_key (
    scope        TEXT        NOT NULL,
    key          TEXT        NOT NULL,
    request_hash TEXT        NOT NULL,
    status       INT         NOT NULL,
    response     TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (scope, key)
);

CREATE TABLE dispute (
    id             UUID        PRIMARY KEY,
    invoice_id     UUID        NOT NULL REFERENCES invoice (id),
    account_number TEXT        NOT NULL,
    reason         TEXT        NOT NULL,
    opened_at      TIMESTAMPTZ NOT NULL,
    resolved_at    TIMESTAMPTZ,
    resolution     TEXT,
    resolved_by    TEXT
);
CREATE UNIQUE INDEX dispute_one_open ON dispute (invoice_id) WHERE resolved_at IS NULL;

-- Notices to residents' own webhooks, written with the change that caused them and delivered afterwards.
CREATE TABLE webhook_notice (
    id           BIGSERIAL   PRIMARY KEY,
    url          TEXT        NOT NULL,
    payload      TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    attempts     INT         NOT NULL DEFAULT 0,
    next_at      TIMESTAMPTZ NOT NULL,
    delivered_at TIMESTAMPTZ,
    last_error   TEXT
);
CREATE INDEX webhook_notice_due ON webhook_notice (next_at) WHERE delivered_at IS NULL;

-- A correction settled by a credit note or a supplementary invoice (or by nothing, if unbilled).
ALTER TABLE consumption_correction ADD COLUMN settled_by UUID;
