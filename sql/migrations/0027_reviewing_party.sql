-- The reviewing party as a role with its own scope (issue 15: "the reviewing party is a role
-- with its own scope (the executing office or a bureau), not hard-wired to the bureau").
--
-- A reviewer (審査を行う執行団体, or a bureau's own review office) names the bureaus whose
-- projects it reviews (reviewer_bureaus). It reads what a bureau of those bureaus reads, and
-- records what the steps after a claim's submission leave: the review (return or approval),
-- the inspection, the confirmation, the settlement and a refund's receipt. It decides no grant,
-- pays no advance, sets no project status and runs no export: those stay the bureau's.
--
-- The service passes the reviewed bureaus like the caller's other settings:
--   SELECT set_config('jinjibu.role', 'reviewer', true),
--          set_config('jinjibu.reviewed_bureaus', '{kanto,chubu}', true), …
-- A bureau keeps working as before (jinjibu.bureau).

ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'bureau', 'reviewer', 'secretariat', 'viewer'));

-- Closed to jinjibu_app like users and user_consortia: the service reads it before it enters
-- the caller's scope. AccountRepository requires at least one row for a reviewer.
CREATE TABLE reviewer_bureaus (
    user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    bureau      text NOT NULL REFERENCES bureaus (code),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, bureau)
);

CREATE FUNCTION app_reviewed_bureaus() RETURNS text[] LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(nullif(current_setting('jinjibu.reviewed_bureaus', true), '')::text[], '{}')
$$;

-- As 0006, with a reviewer reading what a bureau of each bureau it reviews reads.
CREATE OR REPLACE FUNCTION app_readable_consortia() RETURNS bigint[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH scope AS (
        SELECT CASE app_role() WHEN 'bureau' THEN ARRAY[app_bureau()]
                               WHEN 'reviewer' THEN app_reviewed_bureaus()
                               ELSE '{}'::text[] END AS bureaus)
    SELECT CASE
        WHEN app_role() IN ('secretariat', 'viewer') THEN app_consortia()
        WHEN app_role() IN ('bureau', 'reviewer') THEN coalesce((
            SELECT array_agg(DISTINCT s.id ORDER BY s.id) FROM scope, LATERAL (
                SELECT c.id FROM consortia c JOIN prefectures p ON p.code = c.prefecture_code
                WHERE p.bureau = ANY (scope.bureaus)
                UNION ALL
                SELECT ap.consortium_id FROM adopted_projects ap JOIN prefectures p ON p.code = ap.prefecture_code
                WHERE p.bureau = ANY (scope.bureaus)) s), '{}')
        ELSE '{}'::bigint[]
    END
$$;

-- A reviewer approves, returns and (by the settlement) pays claims, like a bureau: it updates
-- claims in the consortia it reads, and locks their projects (FOR UPDATE needs the UPDATE
-- policy); the column guards below leave it no project column to change.
ALTER POLICY bureau_update ON claims TO jinjibu_app
    USING ((SELECT app_role()) IN ('bureau', 'reviewer') AND consortium_id = ANY ((SELECT app_readable_consortia())::bigint[]))
    WITH CHECK ((SELECT app_role()) IN ('bureau', 'reviewer') AND consortium_id = ANY ((SELECT app_readable_consortia())::bigint[]));
ALTER POLICY bureau_update ON adopted_projects TO jinjibu_app
    USING ((SELECT app_role()) IN ('bureau', 'reviewer') AND consortium_id = ANY ((SELECT app_readable_consortia())::bigint[]))
    WITH CHECK ((SELECT app_role()) IN ('bureau', 'reviewer') AND consortium_id = ANY ((SELECT app_readable_consortia())::bigint[]));

DROP TRIGGER claims_app_guard ON claims;
CREATE TRIGGER claims_app_guard BEFORE UPDATE ON claims FOR EACH ROW
    EXECUTE FUNCTION app_guard_columns('secretariat:status,status_changed_at,status_changed_by',
                                       'bureau:status,status_changed_at,status_changed_by',
                                       'reviewer:status,status_changed_at,status_changed_by');

-- As 0006, with the reviewer moving claims as the bureau does.
CREATE OR REPLACE FUNCTION claims_app_status_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status IS DISTINCT FROM OLD.status
       AND ((app_role() = 'secretariat' AND NEW.status <> 'submitted')
            OR (app_role() IN ('bureau', 'reviewer') AND NEW.status NOT IN ('approved', 'returned', 'paid'))) THEN
        RAISE EXCEPTION 'a % may not move a claim to status %', app_role(), NEW.status
            USING ERRCODE = 'insufficient_privilege', TABLE = 'claims', COLUMN = 'status';
    END IF;
    RETURN NEW;
END $$;

-- The records of the steps after review (0024): added by an administrator, the bureau or a
-- reviewer within the consortia it reads. Grant decisions and advance payments (0022) stay
-- the bureau's.
DO $$
DECLARE
    t text;
    writable constant text := '(SELECT app_role()) = ''admin'' OR ((SELECT app_role()) IN (''bureau'', ''reviewer'') AND consortium_id = ANY ((SELECT app_readable_consortia())::bigint[]))';
BEGIN
    FOREACH t IN ARRAY ARRAY['claim_reviews', 'inspections', 'inspection_lines', 'confirmations', 'settlements'] LOOP
        EXECUTE format('ALTER POLICY tenant_insert ON %I TO jinjibu_app WITH CHECK (%s)', t, writable);
        EXECUTE format('ALTER POLICY tenant_update ON %I TO jinjibu_app USING (%s) WITH CHECK (%s)', t, writable, writable);
        EXECUTE format('ALTER POLICY tenant_delete ON %I TO jinjibu_app USING (%s)', t, writable);
    END LOOP;
END $$;
