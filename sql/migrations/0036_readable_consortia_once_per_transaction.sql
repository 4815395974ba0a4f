-- A bureau's or reviewer's readable consortia computed once per transaction (issue #18).
--
-- The row-level security policies call app_readable_consortia() once per table per statement.
-- For a secretariat or viewer it returns the scope's own setting; for a bureau or reviewer it
-- queries its bureaus' prefectures' consortia and projects (0.5 ms for a bureau reading 238 of
-- the load benchmark's 1,000 consortia), so a bureau's stored-claim read, five tables in two
-- statements, ran that query five times. Now the first call in a transaction leaves the
-- result in the transaction-local setting jinjibu.readable_consortia, headed by the bureaus it
-- was computed for ('{kanto}={7,8,...}'), and later calls for the same bureaus read it back;
-- a scope entered afresh in the same transaction (other bureaus) computes its own. The setting
-- ends with the transaction, as the scope's own settings do.
--
-- Within a transaction the set can only go stale through another transaction's commit (a
-- project adopted meanwhile): the caller's own cannot change it, since a bureau may change
-- only a project's status and grant figures and a reviewer no project or consortium column
-- (0006, 0027), and neither adds projects or consortia. Like the scope's other settings, the
-- value is the service's to set: the service never sets it, and SQL running as jinjibu_app
-- could set jinjibu.role as easily. The function calls set_config and stays STABLE; it was
-- and is PARALLEL UNSAFE, so no parallel worker runs it.

CREATE OR REPLACE FUNCTION app_readable_consortia() RETURNS bigint[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    caller_role constant text := app_role();
    bureaus text[];
    scope text;
    remembered text;
    readable bigint[];
BEGIN
    IF caller_role IN ('secretariat', 'viewer') THEN
        RETURN app_consortia();
    ELSIF caller_role = 'bureau' THEN
        bureaus := ARRAY[app_bureau()];
    ELSIF caller_role = 'reviewer' THEN
        bureaus := app_reviewed_bureaus();
    ELSE
        RETURN '{}';
    END IF;
    scope := bureaus::text || '=';
    remembered := current_setting('jinjibu.readable_consortia', true);
    IF starts_with(remembered, scope) THEN
        RETURN substr(remembered, length(scope) + 1)::bigint[];
    END IF;
    SELECT coalesce(array_agg(DISTINCT s.id ORDER BY s.id), '{}') INTO readable FROM (
        SELECT c.id FROM consortia c JOIN prefectures p ON p.code = c.prefecture_code
        WHERE p.bureau = ANY (bureaus)
        UNION ALL
        SELECT ap.consortium_id FROM adopted_projects ap JOIN prefectures p ON p.code = ap.prefecture_code
        WHERE p.bureau = ANY (bureaus)) s;
    PERFORM set_config('jinjibu.readable_consortia', scope || readable::text, true);
    RETURN readable;
END
$$;
