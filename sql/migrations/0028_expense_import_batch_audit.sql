-- An expense import writes up to a million lines in one statement, and one audit_log row per
-- line (0004) cost as much as writing the lines themselves (issue #18: 13 of 26 seconds for
-- 200,000 lines). A statement run with jinjibu.import_file set (the importer sets it, for
-- its INSERT only, to the SHA-256 of the file) is audited as one INSERT record per
-- consortium instead: row_id NULL and after = {"import": {"file_sha256", "rows", "ids"}},
-- ids being the lines' ids as an int8multirange (one range for a whole import, usually), so
-- the lines stay retrievable: `expenses.id <@ (after -> 'import' ->> 'ids')::int8multirange`.
-- A line's values as written are its first UPDATE or DELETE record's before, or the line as
-- it stands when it was never changed (AuditRepository.history shows them so).
-- Updates and deletes stay audited line by line, with before and after, as do inserts
-- without the setting (the API, the pages, SQL).

CREATE OR REPLACE FUNCTION audit_statement() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    who text := coalesce(nullif(current_setting('jinjibu.actor', true), ''), session_user);
    file text := nullif(current_setting('jinjibu.import_file', true), '');
BEGIN
    IF TG_OP = 'INSERT' AND file IS NOT NULL THEN
        INSERT INTO audit_log (actor, table_name, operation, consortium_id, row_id, before, after)
        SELECT who, TG_TABLE_NAME, 'INSERT', n.consortium_id, NULL, NULL,
               jsonb_build_object('import', jsonb_build_object(
                   'file_sha256', file, 'rows', count(*), 'ids', range_agg(int8range(n.id, n.id, '[]'))::text))
        FROM new_rows n GROUP BY n.consortium_id ORDER BY n.consortium_id;
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO audit_log (actor, table_name, operation, consortium_id, row_id, before, after)
        SELECT who, TG_TABLE_NAME, 'INSERT', n.consortium_id, n.id, NULL, to_jsonb(n) FROM new_rows n;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO audit_log (actor, table_name, operation, consortium_id, row_id, before, after)
        SELECT who, TG_TABLE_NAME, 'UPDATE', n.consortium_id, n.id, to_jsonb(o), to_jsonb(n)
        FROM new_rows n JOIN old_rows o ON o.consortium_id = n.consortium_id AND o.id = n.id
        WHERE (to_jsonb(o) - 'updated_at' - 'version') <> (to_jsonb(n) - 'updated_at' - 'version');
    ELSE
        INSERT INTO audit_log (actor, table_name, operation, consortium_id, row_id, before, after)
        SELECT who, TG_TABLE_NAME, 'DELETE', o.consortium_id, o.id, to_jsonb(o), NULL FROM old_rows o;
    END IF;
    RETURN NULL;
END $$;
