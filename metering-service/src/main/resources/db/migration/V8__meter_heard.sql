-- When each meter was last heard from: the occurred_at of its newest reading. Detection's flow pass keeps it, in
-- one statement, for the meters whose readings arrived since its last pass; the silence pass reads it instead of
-- looking up the newest reading of every meter in every partition of reading (7 s a pass at 100,000 meters, once a
-- minute). A meter the silence pass would change is still checked against its readings before it changes.
CREATE TABLE meter_heard (
    meter_id     TEXT        PRIMARY KEY,
    last_reading TIMESTAMPTZ NOT NULL
);

INSERT INTO meter_heard (meter_id, last_reading)
SELECT meter_id, max(occurred_at) FROM reading GROUP BY meter_id;
