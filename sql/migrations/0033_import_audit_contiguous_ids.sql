-- An import's audit record (0028) names the ids of the lines it added as a multirange. The ids
-- of one INSERT are nearly always one unbroken run, and range_agg over a million single-id
-- ranges cost a tenth of a second per 200,000 lines of an import; a run's range is read off
-- its count, min and max instead, with the same text range_agg gives ('{[first,last+1)}').
-- Ids with gaps (a concurrent writer took some) still go through range_agg.
-- Everything else is 0028's function unchanged.

CREATE OR REPLACE FUNCTION audit_statement() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    who text := coalesce(nullif(current_setting('jinjibu.actor', true), ''), session_user);
    file text := nullif(current_setting('jinjibu.import_file', true), '');
    batch record;
    ids text;
BEGIN
    IF TG_OP = 'INSERT' AND file IS NOT NULL THEN
        -- A loop rather than one statement with the fallback as a subquery: that statement's
        -- estimated cost passed jit_above_cost, and where JIT is on its compilation took longer
        -- than the aggregation it saved.
        FOR batch IN SELECT n.consortium_id, count(*) AS rows, min(n.id) AS first_id, max(n.id) AS last_id
                     FROM new_rows n GROUP BY n.consortium_id ORDER BY n.consortium_id LOOP
            IF batch.last_id - batch.first_id + 1 = batch.rows THEN
                ids := format('{[%s,%s)}', batch.first_id, batch.last_id + 1);
            ELSE
                SELECT range_agg(int8range(n.id, n.id, '[]'))::text INTO ids FROM new_rows n
                WHERE n.consortium_id = batch.consortium_id;
            END IF;
            INSERT INTO audit_log (actor, table_name, operation, consortium_id, row_id, before, after)
            VALUES (who, TG_TABLE_NAME, 'INSERT', batch.consortium_id, NULL, NULL,
                    jsonb_build_object('import', jsonb_build_object('file_sha256', file, 'rows', batch.rows, 'ids', ids)));
        END LOOP;
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
