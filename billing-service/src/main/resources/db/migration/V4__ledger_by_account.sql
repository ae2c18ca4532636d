-- A resident's own ledger history (GET /me/ledger), newest first.
CREATE INDEX ledger_txn_by_account ON ledger_txn (account_number, created_at DESC, id DESC);
