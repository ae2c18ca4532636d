-- An operator's edit may say that the meter's register was reset to zero before the edited value (a firmware reset
-- the meter did not report): consumption then counts from zero there, as it does for a meter's own RESET flag.
ALTER TABLE reading_edit ADD COLUMN register_reset BOOLEAN NOT NULL DEFAULT false;
