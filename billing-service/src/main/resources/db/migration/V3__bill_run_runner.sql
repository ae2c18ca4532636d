-- Which replica runs a bill run, so that a replica restarting can mark its own interrupted runs for a retry.
ALTER TABLE bill_run ADD COLUMN runner TEXT;
