-- A bureau's or reviewer's readable organisations computed once per transaction (issue #18).
--
-- The organisations' read policy calls app_readable_organizations() in every statement that
-- reads an organisation the caller's consortia do not register (a project's applicants, a
-- member list, a consortium's secretariat): every organisation tied to a consortium the caller
-- reads. For a bureau that is 238 of the load benchmark's 1,000 consortia, 3.7 ms a statement,
-- and one web page ran it up to seven times in its transaction (the consortium page: 26 ms of
-- the page's 28). Now, as app_readable_consortia() does since 0036, the first call in a
-- transaction leaves the result in the transaction-local setting jinjibu.readable_organizations,
-- headed by the bureaus it was computed for ('{kanto}={5,9,...}'), and later calls for the same
-- bureaus read it back; a scope entered afresh in the same transaction computes its own.
--
-- Only for bureaus and reviewers: they cannot tie an organisation to a consortium (no
-- membership, consultation, event, applicant or expense is theirs to write, 0006 and 0027), so
-- within their transaction the set goes stale only through another transaction's commit, as
-- 0036 says of the consortia. A secretariat's own writes do tie organisations (a member added,
-- then read in the same transaction), and its set, from its few consortia, is cheap: it is
-- computed every time, as before. The body is 0035's otherwise.

CREATE OR REPLACE FUNCTION app_readable_organizations() RETURNS bigint[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    caller_role constant text := app_role();
    readable constant bigint[] := app_readable_consortia();
    scope text;
    remembered text;
    organizations bigint[];
BEGIN
    IF caller_role = 'bureau' THEN
        scope := ARRAY[app_bureau()]::text || '=';
    ELSIF caller_role = 'reviewer' THEN
        scope := app_reviewed_bureaus()::text || '=';
    END IF;
    IF scope IS NOT NULL THEN
        remembered := current_setting('jinjibu.readable_organizations', true);
        IF starts_with(remembered, scope) THEN
            RETURN substr(remembered, length(scope) + 1)::bigint[];
        END IF;
    END IF;
    SELECT coalesce(array_agg(DISTINCT t.id), '{}') INTO organizations FROM (
        SELECT m.organization_id AS id FROM memberships m WHERE m.consortium_id = ANY (readable)
        UNION ALL
        SELECT c.secretariat_id FROM consortia c WHERE c.id = ANY (readable)
        UNION ALL
        SELECT pa.organization_id FROM project_applicants pa WHERE pa.consortium_id = ANY (readable)
        UNION ALL
        SELECT x.firm_id FROM consultations x WHERE x.consortium_id = ANY (readable)
        UNION ALL
        SELECT x.referred_to_id FROM consultations x WHERE x.consortium_id = ANY (readable) AND x.referred_to_id IS NOT NULL
        UNION ALL
        SELECT x.referred_by_id FROM consultations x WHERE x.consortium_id = ANY (readable) AND x.referred_by_id IS NOT NULL
        UNION ALL
        SELECT f.organization_id FROM event_firms f WHERE f.consortium_id = ANY (readable)
        UNION ALL
        -- Each readable consortium's expense firms: the lowest, then the next above it, until none.
        SELECT firms.firm_id FROM unnest(readable) AS r(consortium_id), LATERAL (
            WITH RECURSIVE named(firm_id) AS (
                (SELECT e.firm_id FROM expenses e
                 WHERE e.consortium_id = r.consortium_id AND e.firm_id IS NOT NULL
                 ORDER BY e.firm_id LIMIT 1)
                UNION ALL
                SELECT (SELECT e.firm_id FROM expenses e
                        WHERE e.consortium_id = r.consortium_id AND e.firm_id > named.firm_id
                        ORDER BY e.firm_id LIMIT 1)
                FROM named WHERE named.firm_id IS NOT NULL)
            SELECT named.firm_id FROM named WHERE named.firm_id IS NOT NULL) firms) t;
    IF scope IS NOT NULL THEN
        PERFORM set_config('jinjibu.readable_organizations', scope || organizations::text, true);
    END IF;
    RETURN organizations;
END
$$;
