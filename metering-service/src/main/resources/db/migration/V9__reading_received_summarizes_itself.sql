-- The readings' BRIN index on received_at summarizes each page range as soon as it fills (autosummarize), instead of
-- at the next vacuum: until a range is summarized, every scan of the index reads all of its pages, and on a table
-- that is only ever inserted into, autovacuum comes rarely. After a bulk load that was 15 s a pass for detection and
-- for corrections. A partitioned index's options cannot be altered, so it is made again; a BRIN build is one pass
-- over the table.
DROP INDEX reading_received;
CREATE INDEX reading_received ON reading USING brin (received_at) WITH (autosummarize = on);
