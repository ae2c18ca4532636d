-- Readings in monthly partitions of occurred_at (UTC months, reading_yYYYYmMM; docs/architecture.md, "Storage"):
-- a query for a meter and a time range reads only the months it spans, and retention drops whole months instead of
-- deleting rows. A key of a partitioned table must contain the partition key, so the message id is unique together
-- with occurred_at: a redelivered message carries the same instant and is still stored once, and (meter, instant),
-- the reading's natural key, stays unique as before. The service makes the coming months' partitions ahead of time
-- (ReadingPartitions); this migration makes those of the rows already stored, the current month and the next three.
ALTER TABLE reading RENAME TO reading_unpartitioned;
ALTER TABLE reading_unpartitioned RENAME CONSTRAINT reading_pkey TO reading_unpartitioned_pkey;
ALTER TABLE reading_unpartitioned RENAME CONSTRAINT reading_meter_id_occurred_at_key
    TO reading_unpartitioned_meter_id_occurred_at_key;
ALTER INDEX reading_received RENAME TO reading_unpartitioned_received;

CREATE TABLE reading (
    id          UUID           NOT NULL,
    meter_id    TEXT           NOT NULL,
    occurred_at TIMESTAMPTZ    NOT NULL,
    register    NUMERIC(20, 6) NOT NULL CHECK (register >= 0),
    flags       TEXT,
    received_at TIMESTAMPTZ    NOT NULL,
    PRIMARY KEY (id, occurred_at),
    UNIQUE (meter_id, occurred_at)
) PARTITION BY RANGE (occurred_at);
CREATE INDEX reading_received ON reading USING brin (received_at);

SELECT aqkol_create_month_partitions('reading', 'reading_unpartitioned', 'occurred_at', 3);

INSERT INTO reading (id, meter_id, occurred_at, register, flags, received_at)
SELECT id, meter_id, occurred_at, register, flags, received_at FROM reading_unpartitioned;
DROP TABLE reading_unpartitioned;
