-- The detectors look at meters whose readings arrived since their last run. received_at only grows, so a BRIN
-- index finds them at almost no cost to ingest.
CREATE INDEX reading_received ON reading USING brin (received_at);
