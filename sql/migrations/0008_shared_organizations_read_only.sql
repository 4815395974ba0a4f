-- An organisation that another consortium also uses is read-only to a secretariat.
--
-- Organisations are shared (0006): a firm found by its public corporate number can be made a
-- member of a second consortium. Under 0006 each secretariat could then rename it and change
-- its capital, employees and industry, which changed the other consortium's pages, its size
-- classes and its figures. Now a secretariat changes an organisation only while every
-- consortium that uses it is one of its own; otherwise only an administrator (or the command
-- line) changes it.
--
-- "Uses" is every tie through which a consortium sees the organisation (the ties of
-- app_readable_organizations in 0006, and registered_for): a membership in any role at any
-- time, being its secretariat, an applicant of its project, a firm or partner of its
-- consultations, the firm of its expenses, or registered for it and not yet a member.

-- Looked up by organisation rather than by consortium, as app_readable_organizations does not.
CREATE INDEX consortia_secretariat ON consortia (secretariat_id);
CREATE INDEX consultations_firm ON consultations (firm_id);
CREATE INDEX consultations_referred_to ON consultations (referred_to_id) WHERE referred_to_id IS NOT NULL;
CREATE INDEX expenses_firm ON expenses (firm_id) WHERE firm_id IS NOT NULL;

-- True when the caller may see the organisation but not change it: it is not an
-- administrator and a consortium outside its own uses the organisation. Runs as the owner
-- (SECURITY DEFINER) to see the other consortia's ties, and returns only the answer. The
-- update policy below enforces it; the service asks it first to explain a refusal.
CREATE FUNCTION app_organization_read_only(org bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH own AS (SELECT app_consortia() AS ids)
    SELECT app_role() NOT IN ('', 'admin') AND (
           EXISTS (SELECT 1 FROM memberships m, own WHERE m.organization_id = org AND m.consortium_id <> ALL (own.ids))
        OR EXISTS (SELECT 1 FROM consortia c, own WHERE c.secretariat_id = org AND c.id <> ALL (own.ids))
        OR EXISTS (SELECT 1 FROM organizations o, own WHERE o.id = org AND NOT (o.registered_for <@ own.ids))
        OR EXISTS (SELECT 1 FROM project_applicants pa, own WHERE pa.organization_id = org AND pa.consortium_id <> ALL (own.ids))
        OR EXISTS (SELECT 1 FROM consultations x, own WHERE x.firm_id = org AND x.consortium_id <> ALL (own.ids))
        OR EXISTS (SELECT 1 FROM consultations x, own WHERE x.referred_to_id = org AND x.consortium_id <> ALL (own.ids))
        OR EXISTS (SELECT 1 FROM expenses e, own WHERE e.firm_id = org AND e.consortium_id <> ALL (own.ids)))
$$;

REVOKE EXECUTE ON FUNCTION app_organization_read_only(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_organization_read_only(bigint) TO jinjibu_app;

-- In WITH CHECK rather than USING: a refused update then raises insufficient_privilege
-- (42501) instead of silently changing no row, so a caller that skipped the question above
-- still cannot mistake a refusal for success (or for a stale version). The id cannot change,
-- so checking the new row checks the organisation that was read.
ALTER POLICY tenant_update ON organizations TO jinjibu_app
    WITH CHECK ((SELECT app_role()) = 'admin'
                OR ((SELECT app_role()) = 'secretariat' AND NOT app_organization_read_only(id)));
