-- Notices to residents' webhooks are signed, as alert-service signs its own (HMAC-SHA256 over "<timestamp>.<body>",
-- headers X-Aqkol-Timestamp and X-Aqkol-Signature). Each account has its key from the moment it has a webhook; the
-- resident reads a new one with POST /me/account/webhook-key. Accounts that had a webhook before get a random key.
ALTER TABLE account ADD COLUMN webhook_key TEXT;
UPDATE account SET webhook_key = replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')
WHERE webhook_url IS NOT NULL;
-- Whose key signs the notice (null for notices written before this migration: sent unsigned).
ALTER TABLE webhook_notice ADD COLUMN account_number TEXT;
