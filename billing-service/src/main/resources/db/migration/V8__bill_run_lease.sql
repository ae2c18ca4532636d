-- A bill run is carried by the replica holding its lease: lease_token names that replica's hold, lease_until (the
-- database's clock) is when it ends unless the holder renews it. A pass on every replica takes over a RUNNING run
-- whose lease has ended and resumes it; takeovers counts how often that happened.
ALTER TABLE bill_run ADD COLUMN lease_until TIMESTAMPTZ;
ALTER TABLE bill_run ADD COLUMN lease_token UUID;
ALTER TABLE bill_run ADD COLUMN takeovers INTEGER NOT NULL DEFAULT 0;
-- A RUNNING run without a lease (left by a version before leases) has no holder: the first pass resumes it.
CREATE INDEX bill_run_running ON bill_run (lease_until) WHERE status = 'RUNNING';
