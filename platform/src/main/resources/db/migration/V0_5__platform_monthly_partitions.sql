-- Monthly range partitions of a table partitioned by a timestamptz column: <table>_yYYYYmMM holds the UTC month
-- [first day 00:00Z, next month's first day 00:00Z). Creating and dropping a partition needs the parent's owner, and
-- the service runs as a role that only reads and writes rows (V0_3): these two functions are the only DDL it may run,
-- each checking what it is asked to do. Both wait at most a few seconds for the parent's lock (ingest queues behind
-- a waiting DDL statement), and fail rather than block; the caller tries again later.

-- Makes the month's partition unless it exists; returns its name if it made it, else NULL.
CREATE FUNCTION aqkol_create_month_partition(parent regclass, month timestamptz) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET lock_timeout = '5s' AS $$
DECLARE
    first_day timestamp := date_trunc('month', month AT TIME ZONE 'UTC');
    name text := format('%s_y%sm%s', parent::text, to_char(first_day, 'YYYY'), to_char(first_day, 'MM'));
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_partitioned_table WHERE partrelid = parent) THEN
        RAISE EXCEPTION '% is not a partitioned table', parent;
    END IF;
    -- two replicas asking for the same month: the second waits here, then finds the partition made
    PERFORM pg_advisory_xact_lock(hashtext(name));
    IF to_regclass(name) IS NOT NULL THEN
        RETURN NULL;
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF %s FOR VALUES FROM (%L) TO (%L)', name, parent,
            first_day AT TIME ZONE 'UTC', (first_day + interval '1 month') AT TIME ZONE 'UTC');
    RETURN name;
END $$;

-- Drops a month's partition; never one that ends after now (the current month and later are always kept).
CREATE FUNCTION aqkol_drop_month_partition(parent regclass, month timestamptz) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET lock_timeout = '5s' AS $$
DECLARE
    first_day timestamp := date_trunc('month', month AT TIME ZONE 'UTC');
    name text := format('%s_y%sm%s', parent::text, to_char(first_day, 'YYYY'), to_char(first_day, 'MM'));
BEGIN
    IF (first_day + interval '1 month') AT TIME ZONE 'UTC' > now() THEN
        RAISE EXCEPTION 'the partition % is not over yet: it is never dropped', name;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_inherits WHERE inhparent = parent AND inhrelid = to_regclass(name)) THEN
        RETURN false;
    END IF;
    EXECUTE format('DROP TABLE %I', name);
    RETURN true;
END $$;

REVOKE ALL ON FUNCTION aqkol_create_month_partition(regclass, timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION aqkol_drop_month_partition(regclass, timestamptz) FROM PUBLIC;
DO $$
BEGIN
    IF '${runtime_role}' <> current_user THEN
        EXECUTE format('GRANT EXECUTE ON FUNCTION aqkol_create_month_partition(regclass, timestamptz) TO %I',
                '${runtime_role}');
        EXECUTE format('GRANT EXECUTE ON FUNCTION aqkol_drop_month_partition(regclass, timestamptz) TO %I',
                '${runtime_role}');
    END IF;
END $$;
