-- A RESTRICTED zone may set its own hours (local village time) in which a PERSON raises INTRUSION; without them
-- the service's configured hours apply.
ALTER TABLE zone ADD COLUMN restricted_from TIME, ADD COLUMN restricted_until TIME;
ALTER TABLE zone ADD CONSTRAINT zone_restricted_hours_pair CHECK ((restricted_from IS NULL) = (restricted_until IS NULL));
