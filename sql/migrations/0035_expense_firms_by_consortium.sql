-- The firms a consortium's expense lines name, found without reading the lines (issue #18).
--
-- Reading any organisation (a project's applicants, a member list) as anyone but an
-- administrator runs app_readable_organizations() once per statement: every organisation tied
-- to a consortium the caller reads. One tie is a firm named in the consortium's expense lines,
-- and finding those read every line with a firm: with 1,000 lines a consortium (the load
-- benchmark's data), 0.6 ms for a secretariat of 2 consortia, 4.5 ms for one of 20 and 51 ms for
-- a bureau reading 238, in every statement that reads an organisation, growing with the lines.
--
-- An index of (consortium, firm) over the lines that name one lets each consortium's distinct
-- firms be found by skipping from one firm to the next (a descent of the index per firm, a
-- recursive query, since PostgreSQL 15 has no skip scan): 4 ms for the bureau's 238
-- consortia, whatever the number of lines. The function returns the same set as before
-- (TenantIsolation, SharedOrganization and the other scope tests read through it).
--
-- The index is built inside the migration's transaction, which keeps writers of expenses out
-- while it is built (about a second per million lines).

CREATE INDEX expenses_consortium_firm ON expenses (consortium_id, firm_id) WHERE firm_id IS NOT NULL;

CREATE OR REPLACE FUNCTION app_readable_organizations() RETURNS bigint[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    readable constant bigint[] := app_readable_consortia();
    organizations bigint[];
BEGIN
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
    RETURN organizations;
END
$$;
