-- A resident's pay action is an intent: nothing reaches the ledger, the wallet or dunning until the payment provider
-- confirms it (a signed callback). Declines, expiries and refunds are states of the intent; only a confirmation
-- (a payment) and a refund (its reversal) move money.
CREATE TABLE payment_intent (
    id                 UUID        PRIMARY KEY,
    account_number     TEXT        NOT NULL REFERENCES account (number),
    amount_tiyn        BIGINT      NOT NULL CHECK (amount_tiyn > 0),
    currency           TEXT        NOT NULL DEFAULT 'KZT',
    purpose            TEXT        NOT NULL CHECK (purpose IN ('OPEN_INVOICES', 'INVOICE', 'WALLET')),
    invoice_id         UUID        REFERENCES invoice (id),
    provider           TEXT        NOT NULL,
    provider_reference TEXT,
    checkout_url       TEXT,
    status             TEXT        NOT NULL
        CHECK (status IN ('PENDING', 'CONFIRMED', 'DECLINED', 'EXPIRED', 'REFUNDED', 'FAILED')),
    created_at         TIMESTAMPTZ NOT NULL,
    expires_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    payment_id         UUID        UNIQUE REFERENCES payment (id),
    CHECK ((purpose = 'INVOICE') = (invoice_id IS NOT NULL)),
    UNIQUE (provider, provider_reference)
);
CREATE INDEX payment_intent_pending ON payment_intent (expires_at) WHERE status = 'PENDING';
CREATE INDEX payment_intent_by_account ON payment_intent (account_number, created_at DESC);

-- What each payment settled, invoice by invoice: what a refund re-opens.
CREATE TABLE payment_settlement (
    payment_id  UUID   NOT NULL REFERENCES payment (id),
    invoice_id  UUID   NOT NULL REFERENCES invoice (id),
    amount_tiyn BIGINT NOT NULL CHECK (amount_tiyn > 0),
    PRIMARY KEY (payment_id, invoice_id)
);

-- A refunded payment keeps its row; the refund is a REFUND ledger transaction referring to it.
ALTER TABLE payment ADD COLUMN refunded_at TIMESTAMPTZ;

-- A provider's reference names one payment, whether it arrived as a confirmed intent or as the provider's own
-- report under another Idempotency-Key.
CREATE UNIQUE INDEX payment_provider_reference ON payment (channel, provider_reference)
    WHERE provider_reference IS NOT NULL;
