-- Monthly range partitions of a table partitioned by a timestamptz column: <table>_yYYYYmMM holds the UTC month
-- [first day 00:00Z, next month's first day 00:00Z). Creating and dropping a partition needs the parent's owner, and
-- the service runs as a role that only reads and writes rows (V0_3): these two functions are the only DDL it may run,
-- each checking what it is asked to do. Both wait at most a few seconds for the parent's lock (ingest queues behind
-- a waiting DDL statement), and fail rather than block; the caller tries again later.

-- The name of the partition of the UTC month an instant falls in.
CREATE FUNCTION aqkol_month_partition_name(parent regclass, month timestamptz) RETURNS text
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
    SELECT format('%s_%s', parent::text, to_char(month AT TIME ZONE 'UTC', '"y"YYYY"m"MM'))
$$;

-- Makes the month's partition unless it exists; returns its name if it made it, else NULL.
CREATE FUNCTION aqkol_create_month_partition(parent regclass, month timestamptz) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET lock_timeout = '5s' AS $$
DECLARE
    first_day timestamp := date_trunc('month', month AT TIME ZONE 'UTC');
    name text := aqkol_month_partition_name(parent, month);
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
    name text := aqkol_month_partition_name(parent, month);
BEGIN
    IF (date_trunc('month', month AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC' > now() THEN
        RAISE EXCEPTION 'the partition % is not over yet: it is never dropped', name;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_inherits WHERE inhparent = parent AND inhrelid = to_regclass(name)) THEN
        RETURN false;
    END IF;
    EXECUTE format('DROP TABLE %I', name);
    RETURN true;
END $$;

-- For a migration that partitions a table: makes the partitions of the months of the rows in source (the table as
-- it was), of the current month and of the next ahead months.
CREATE FUNCTION aqkol_create_month_partitions(parent regclass, source regclass, time_column text, ahead int)
RETURNS void LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    EXECUTE format('SELECT aqkol_create_month_partition(%L, month) FROM ('
            || 'SELECT DISTINCT date_trunc(''month'', %I AT TIME ZONE ''UTC'') AT TIME ZONE ''UTC'' AS month FROM %s'
            || ' UNION SELECT (date_trunc(''month'', now() AT TIME ZONE ''UTC'') + make_interval(months => n))'
            || ' AT TIME ZONE ''UTC'' FROM generate_series(0, %s) AS n) AS months', parent, time_column, source, ahead);
END $$;

REVOKE ALL ON FUNCTION aqkol_create_month_partitions(regclass, regclass, text, int) FROM PUBLIC;
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
