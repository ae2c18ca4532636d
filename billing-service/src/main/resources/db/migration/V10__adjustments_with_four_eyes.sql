-- Money staff move by hand: a credit (goodwill, a wrong tariff put right), a debit (a charge the bill run could not
-- make) or a write-off (a debt given up). An operator proposes one with a reason; it reaches the ledger only when a
-- second person approves it, as a document on the resident's statement (a credit note or a supplementary invoice)
-- with the reason. The database refuses an approval by the proposer too.
CREATE TABLE adjustment (
    id             UUID        PRIMARY KEY,
    account_number TEXT        NOT NULL REFERENCES account (number),
    kind           TEXT        NOT NULL CHECK (kind IN ('CREDIT', 'DEBIT', 'WRITE_OFF')),
    amount_tiyn    BIGINT      NOT NULL CHECK (amount_tiyn > 0),
    invoice_id     UUID        REFERENCES invoice (id),
    reason         TEXT        NOT NULL,
    status         TEXT        NOT NULL CHECK (status IN ('PROPOSED', 'APPROVED', 'REJECTED')),
    proposed_by    TEXT        NOT NULL,
    proposed_at    TIMESTAMPTZ NOT NULL,
    decided_by     TEXT,
    decided_at     TIMESTAMPTZ,
    decision_note  TEXT,
    document_id    UUID        REFERENCES invoice (id),
    CHECK ((status = 'PROPOSED') = (decided_by IS NULL)),
    CHECK (status <> 'APPROVED' OR (decided_by <> proposed_by AND document_id IS NOT NULL)),
    CHECK (kind <> 'WRITE_OFF' OR invoice_id IS NOT NULL)
);
CREATE INDEX adjustment_waiting ON adjustment (proposed_at) WHERE status = 'PROPOSED';
CREATE INDEX adjustment_by_account ON adjustment (account_number, proposed_at DESC);

-- Two more ledger accounts: ADJUSTMENT (what staff credited or charged by hand, against revenue) and BAD_DEBT
-- (receivables written off), both per resident account.
ALTER TABLE ledger_entry DROP CONSTRAINT ledger_entry_ledger_account_check;
ALTER TABLE ledger_entry ADD CONSTRAINT ledger_entry_ledger_account_check
    CHECK (ledger_account IN ('RECEIVABLE', 'REVENUE', 'CASH', 'WALLET', 'ADJUSTMENT', 'BAD_DEBT'));

-- Why a credit note or supplementary invoice was issued (a correction's or an adjustment's reason), shown with it in
-- the resident's invoices and statement without reading the whole explanation.
ALTER TABLE invoice ADD COLUMN note TEXT;
UPDATE invoice SET note = explanation ->> 'note' WHERE kind <> 'INVOICE';
