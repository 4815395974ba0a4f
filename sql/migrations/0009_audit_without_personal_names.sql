-- The audit trail keeps no personal names.
--
-- audit_row() copied whole rows, so placements.person_name (personal data: never exported,
-- never shown outside the consortium) went into audit_log, which a bureau reads for the
-- consortia of its prefectures. The trail now records that a name was set or changed but
-- not the name: a personal column holds the marker "[redacted]" when it had a value and null
-- when it had none, and this migration rewrites the rows already stored the same way.
--
-- Expenses (audited per statement, 0004) have no personal-name column: the person an expense
-- was for is the pseudonymous person_ref, as on placements.

-- The columns of a table that hold a personal name. One list, for the trigger and for the
-- rewrite of stored rows below; a new personal column is added here.
CREATE FUNCTION audit_personal_columns(tbl text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE tbl WHEN 'placements' THEN ARRAY['person_name'] ELSE '{}'::text[] END
$$;

-- A row as the audit trail keeps it: each personal column that has a value replaced by the
-- marker.
CREATE FUNCTION audit_redacted(tbl text, data jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT data || coalesce((
        SELECT jsonb_object_agg(c, to_jsonb('[redacted]'::text))
        FROM unnest(audit_personal_columns(tbl)) AS c
        WHERE data -> c IS NOT NULL AND data -> c <> 'null'::jsonb), '{}'::jsonb)
$$;

-- As in 0001, with the redaction applied after the comparison, so that a change of the name
-- alone is still recorded (as an update whose visible values did not change). Restated with
-- SECURITY DEFINER (0006): CREATE OR REPLACE resets it.
CREATE OR REPLACE FUNCTION audit_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    old_row jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
    new_row jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;
    subject jsonb := coalesce(new_row, old_row);
BEGIN
    IF TG_OP = 'UPDATE' AND (old_row - 'updated_at' - 'version') = (new_row - 'updated_at' - 'version') THEN
        RETURN NULL;
    END IF;
    INSERT INTO audit_log (actor, table_name, operation, consortium_id, row_id, before, after)
    VALUES (
        coalesce(nullif(current_setting('jinjibu.actor', true), ''), session_user),
        TG_TABLE_NAME, TG_OP,
        CASE WHEN TG_TABLE_NAME = 'consortia' THEN (subject ->> 'id')::bigint
             ELSE (subject ->> 'consortium_id')::bigint END,
        (subject ->> 'id')::bigint,
        audit_redacted(TG_TABLE_NAME, old_row), audit_redacted(TG_TABLE_NAME, new_row));
    RETURN NULL;
END $$;

-- The names already stored. The trail is append-only (0001); this one rewrite is the
-- exception, made by the owner with the guard off for the length of this transaction.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
UPDATE audit_log
SET before = audit_redacted(table_name, before), after = audit_redacted(table_name, after)
WHERE table_name IN ('placements')  -- the tables audit_personal_columns names
  AND (before IS DISTINCT FROM audit_redacted(table_name, before) OR after IS DISTINCT FROM audit_redacted(table_name, after));
ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;
