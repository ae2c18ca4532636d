-- Hibernate takes timeline ids fifty at a time (one nextval per fifty events), so a storm's events are inserted in
-- batches instead of one round trip each; the timeline orders by time, then id.
ALTER SEQUENCE alert_event_id_seq INCREMENT BY 50;
