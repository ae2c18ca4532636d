-- Detections in monthly partitions of occurred_at (UTC months, detection_event_yYYYYmMM; docs/architecture.md,
-- "Storage"): a search over a time range reads only the months it spans, and the purge drops a month whose every
-- event is past every zone's retention instead of deleting it row by row (docs/camera.md). A key of a partitioned
-- table must contain the partition key, so the message id is unique together with occurred_at: a redelivered
-- message carries the same instant and is still stored once (ingest conflicts on (id, occurred_at)). The service
-- makes the coming months' partitions ahead of time (EventPartitions); this migration makes those of the events
-- already stored, the current month and the next three. Indexes are those of V2, made on every partition.
ALTER TABLE detection_event RENAME TO detection_event_unpartitioned;
ALTER TABLE detection_event_unpartitioned RENAME CONSTRAINT detection_event_pkey TO detection_event_unpartitioned_pkey;
ALTER TABLE detection_event_unpartitioned RENAME CONSTRAINT detection_event_camera_id_fkey
    TO detection_event_unpartitioned_camera_id_fkey;
ALTER TABLE detection_event_unpartitioned RENAME CONSTRAINT detection_event_zone_id_fkey
    TO detection_event_unpartitioned_zone_id_fkey;
ALTER INDEX detection_event_camera_time RENAME TO detection_event_unpartitioned_camera_time;
ALTER INDEX detection_event_zone_time RENAME TO detection_event_unpartitioned_zone_time;
ALTER INDEX detection_event_time RENAME TO detection_event_unpartitioned_time;
ALTER INDEX detection_event_plate RENAME TO detection_event_unpartitioned_plate;

CREATE TABLE detection_event (
    id           UUID          NOT NULL,
    camera_id    TEXT          NOT NULL REFERENCES camera (id),
    occurred_at  TIMESTAMPTZ   NOT NULL,
    type         TEXT          NOT NULL,
    confidence   NUMERIC(4, 3) NOT NULL,
    zone_id      TEXT          NOT NULL REFERENCES zone (id),
    plate_hash   CHAR(64),
    snapshot_ref TEXT,
    received_at  TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (id, occurred_at)
) PARTITION BY RANGE (occurred_at);
CREATE INDEX detection_event_camera_time ON detection_event (camera_id, occurred_at, id);
CREATE INDEX detection_event_zone_time ON detection_event (zone_id, occurred_at, id);
CREATE INDEX detection_event_time ON detection_event (occurred_at, id);
CREATE INDEX detection_event_plate ON detection_event (plate_hash) WHERE plate_hash IS NOT NULL;

SELECT aqkol_create_month_partitions('detection_event', 'detection_event_unpartitioned', 'occurred_at', 3);

INSERT INTO detection_event (id, camera_id, occurred_at, type, confidence, zone_id, plate_hash, snapshot_ref,
                             received_at)
SELECT id, camera_id, occurred_at, type, confidence, zone_id, plate_hash, snapshot_ref, received_at
FROM detection_event_unpartitioned;
DROP TABLE detection_event_unpartitioned;
