-- Checkpoints of the access-audit chains: those this service signed about its own chain, and those it witnessed of
-- the other services' chains (kept only when their signature verified). Append-only, like the chain: a witness
-- holding two checkpoints of one service that disagree about one entry holds the evidence of a rewrite.
CREATE TABLE audit_checkpoint (
    id          UUID        PRIMARY KEY,
    service     TEXT        NOT NULL,
    head_seq    BIGINT      NOT NULL,
    head_hash   CHAR(64)    NOT NULL,
    signed_at   TIMESTAMPTZ NOT NULL,
    signature   TEXT        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    UNIQUE (service, head_seq, head_hash)
);

-- The head only moves forward, along entries appended after it that link one to the next (a bulk read appends
-- several in one transaction): whoever may append cannot rewind it to hide a cut tail. (A superuser can still
-- switch triggers off; the checkpoints catch that.)
CREATE FUNCTION audit_head_appends_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id <> OLD.id OR NEW.seq <= OLD.seq
            OR NEW.hash IS DISTINCT FROM (SELECT hash FROM audit_entry WHERE seq = NEW.seq)
            OR (SELECT count(*) FROM audit_entry WHERE seq > OLD.seq AND seq <= NEW.seq) <> NEW.seq - OLD.seq
            OR EXISTS (SELECT 1 FROM audit_entry e LEFT JOIN audit_entry p ON p.seq = e.seq - 1
                       WHERE e.seq > OLD.seq AND e.seq <= NEW.seq
                         AND e.prev_hash IS DISTINCT FROM
                             CASE WHEN e.seq = OLD.seq + 1 THEN OLD.hash ELSE p.hash END) THEN
        RAISE EXCEPTION 'audit_head only moves forward along the entries appended after it (from % to %)',
            OLD.seq, NEW.seq USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER audit_head_appends_only BEFORE UPDATE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_head_appends_only();

-- The role the service runs as (quarkus.datasource.username) is not the one that migrates (quarkus.flyway.username,
-- the database's owner): it may read and write the service's tables, but only append to the audit chain and to
-- the checkpoints (no UPDATE, DELETE or TRUNCATE) and only advance the head. Tables later migrations create get the
-- same grants. Where one role does both there is nothing to grant, and nothing keeps that role from rewriting the
-- chain but the checkpoints the other services hold (docs/operations.md, "Database roles").
DO $$
BEGIN
    IF '${runtime_role}' <> current_user THEN
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', '${runtime_role}');
        EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', '${runtime_role}');
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I',
                '${runtime_role}');
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO %I',
                '${runtime_role}');
        EXECUTE format('REVOKE ALL ON ${flyway:table} FROM %I', '${runtime_role}');
        EXECUTE format('REVOKE UPDATE, DELETE ON audit_entry, audit_checkpoint FROM %I', '${runtime_role}');
        EXECUTE format('REVOKE INSERT, DELETE ON audit_head FROM %I', '${runtime_role}');
    END IF;
END $$;
