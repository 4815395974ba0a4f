-- Tenant isolation enforced by PostgreSQL itself.
--
-- The HTTP service runs every request in one transaction that first says who the caller is,
-- with transaction-local settings, and then drops its privileges to jinjibu_app:
--
--   SELECT set_config('jinjibu.role', 'secretariat', true),      -- admin|bureau|secretariat|viewer
--          set_config('jinjibu.consortia', '{3,7}', true),       -- secretariat and viewer
--          set_config('jinjibu.bureau', 'kanto', true),          -- bureau
--          set_config('jinjibu.user_id', '12', true),
--          set_config('jinjibu.actor', 'user:sato', true);       -- what the audit trail records
--   SET LOCAL ROLE jinjibu_app;
--
-- jinjibu_app owns nothing, so row-level security applies to it (a table's owner and
-- superusers bypass it; the embedded cluster connects as a superuser, hence the SET ROLE).
-- Transaction-local settings also work behind a pooler in transaction mode. Every table that
-- holds a consortium's data has policies for reading and writing; a row outside the caller's
-- scope is simply not there, so guessing another consortium's ids or codes finds nothing.
-- The command line connects as the owner and is not restricted.
--
-- Write rules beyond "whose row is it" (which columns a role may change, who approves a
-- claim) are triggers that raise insufficient_privilege (42501), like a missing privilege.
--
-- New tables get no privileges here by default (no ALTER DEFAULT PRIVILEGES): a table a later
-- migration adds is closed to the service until that migration grants it and gives it
-- policies, and WebTests checks that every table with a consortium_id has them.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jinjibu_app') THEN
        CREATE ROLE jinjibu_app NOLOGIN NOINHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
    END IF;
    -- The role the service logs in as must be allowed to SET ROLE jinjibu_app (a superuser
    -- always is; a dedicated login role gets it here when it runs the migrations).
    IF NOT pg_has_role(current_user, 'jinjibu_app', 'MEMBER') THEN
        EXECUTE format('GRANT jinjibu_app TO %I', current_user);
    END IF;
END $$;

-- Who the caller is, from the transaction's settings. Unset settings mean no access.
CREATE FUNCTION app_role() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(current_setting('jinjibu.role', true), '')
$$;

CREATE FUNCTION app_bureau() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT nullif(current_setting('jinjibu.bureau', true), '')
$$;

-- The consortia a secretariat or viewer belongs to.
CREATE FUNCTION app_consortia() RETURNS bigint[] LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(nullif(current_setting('jinjibu.consortia', true), '')::bigint[], '{}')
$$;

-- The consortia the caller may read: its own, or for a bureau every consortium based in its
-- prefectures or with an adopted project there. Runs as the owner (SECURITY DEFINER) so that
-- it sees every consortium to choose from; it returns ids only. Policies call it as
-- `(SELECT app_readable_consortia())`, which PostgreSQL evaluates once per statement.
CREATE FUNCTION app_readable_consortia() RETURNS bigint[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT CASE
        WHEN app_role() IN ('secretariat', 'viewer') THEN app_consortia()
        WHEN app_role() = 'bureau' THEN coalesce((
            SELECT array_agg(DISTINCT s.id ORDER BY s.id) FROM (
                SELECT c.id FROM consortia c JOIN prefectures p ON p.code = c.prefecture_code
                WHERE p.bureau = app_bureau()
                UNION ALL
                SELECT ap.consortium_id FROM adopted_projects ap JOIN prefectures p ON p.code = ap.prefecture_code
                WHERE p.bureau = app_bureau()) s), '{}')
        ELSE '{}'::bigint[]
    END
$$;

-- Organisations are shared by consortia (a regional bank sits in many), so they carry no
-- consortium_id. A caller sees those tied to a consortium it can read: members, the
-- secretariat, applicants, firms and partners named in its records. registered_for (below)
-- covers an organisation a secretariat has registered but not yet made a member.
CREATE FUNCTION app_readable_organizations() RETURNS bigint[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH scope AS (SELECT app_readable_consortia() AS ids)
    SELECT coalesce(array_agg(DISTINCT t.id), '{}') FROM (
        SELECT m.organization_id AS id FROM memberships m, scope WHERE m.consortium_id = ANY (scope.ids)
        UNION ALL
        SELECT c.secretariat_id FROM consortia c, scope WHERE c.id = ANY (scope.ids)
        UNION ALL
        SELECT pa.organization_id FROM project_applicants pa, scope WHERE pa.consortium_id = ANY (scope.ids)
        UNION ALL
        SELECT x.firm_id FROM consultations x, scope WHERE x.consortium_id = ANY (scope.ids)
        UNION ALL
        SELECT x.referred_to_id FROM consultations x, scope
        WHERE x.consortium_id = ANY (scope.ids) AND x.referred_to_id IS NOT NULL
        UNION ALL
        SELECT e.firm_id FROM expenses e, scope WHERE e.consortium_id = ANY (scope.ids) AND e.firm_id IS NOT NULL) t
$$;

-- Finds an organisation by its corporate number (public, 法人番号公表サイト) without showing
-- it, so that a secretariat can make a firm that another consortium registered first a
-- member of its own. Returns the id only.
CREATE FUNCTION app_organization_by_corporate_number(number text) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT id FROM organizations WHERE corporate_number = number AND app_role() IN ('admin', 'secretariat')
$$;

REVOKE EXECUTE ON FUNCTION app_readable_consortia(), app_readable_organizations(),
    app_organization_by_corporate_number(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_readable_consortia(), app_readable_organizations(),
    app_organization_by_corporate_number(text) TO jinjibu_app;

-- The consortia a secretariat registered an organisation for (set on INSERT from the
-- caller's consortia); empty for organisations registered by an administrator or the
-- command line.
ALTER TABLE organizations ADD COLUMN registered_for bigint[] NOT NULL
    DEFAULT (CASE WHEN app_role() = 'secretariat' THEN app_consortia() ELSE '{}'::bigint[] END);

-- Row-level security on every table with a consortium_id (the audit trail is handled below):
-- read within the readable consortia; write within a secretariat's own consortia; an
-- administrator reads and writes everything.
DO $$
DECLARE
    t text;
    readable constant text := '(SELECT app_role()) = ''admin'' OR consortium_id = ANY ((SELECT app_readable_consortia())::bigint[])';
    writable constant text := '(SELECT app_role()) = ''admin'' OR ((SELECT app_role()) = ''secretariat'' AND consortium_id = ANY ((SELECT app_consortia())::bigint[]))';
BEGIN
    FOR t IN
        SELECT c.table_name FROM information_schema.columns c
        JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
        WHERE c.table_schema = 'public' AND c.column_name = 'consortium_id' AND tb.table_type = 'BASE TABLE'
          AND c.table_name NOT IN ('audit_log', 'user_consortia')
        ORDER BY c.table_name
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO jinjibu_app', t);
        EXECUTE format('CREATE POLICY tenant_read ON %I FOR SELECT TO jinjibu_app USING (%s)', t, readable);
        EXECUTE format('CREATE POLICY tenant_insert ON %I FOR INSERT TO jinjibu_app WITH CHECK (%s)', t, writable);
        EXECUTE format('CREATE POLICY tenant_update ON %I FOR UPDATE TO jinjibu_app USING (%s) WITH CHECK (%s)', t, writable, writable);
        EXECUTE format('CREATE POLICY tenant_delete ON %I FOR DELETE TO jinjibu_app USING (%s)', t, writable);
    END LOOP;
END $$;

-- A bureau changes its projects' status and grant and approves, returns or pays claims: it
-- may update those two tables within the consortia it reads (the triggers below limit the
-- columns and the status moves).
CREATE POLICY bureau_update ON adopted_projects FOR UPDATE TO jinjibu_app
    USING ((SELECT app_role()) = 'bureau' AND consortium_id = ANY ((SELECT app_readable_consortia())::bigint[]))
    WITH CHECK ((SELECT app_role()) = 'bureau' AND consortium_id = ANY ((SELECT app_readable_consortia())::bigint[]));
CREATE POLICY bureau_update ON claims FOR UPDATE TO jinjibu_app
    USING ((SELECT app_role()) = 'bureau' AND consortium_id = ANY ((SELECT app_readable_consortia())::bigint[]))
    WITH CHECK ((SELECT app_role()) = 'bureau' AND consortium_id = ANY ((SELECT app_readable_consortia())::bigint[]));

ALTER TABLE consortia ENABLE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE ON consortia TO jinjibu_app;
CREATE POLICY tenant_read ON consortia FOR SELECT TO jinjibu_app
    USING ((SELECT app_role()) = 'admin' OR id = ANY ((SELECT app_readable_consortia())::bigint[]));
CREATE POLICY tenant_insert ON consortia FOR INSERT TO jinjibu_app
    WITH CHECK ((SELECT app_role()) = 'admin');
CREATE POLICY tenant_update ON consortia FOR UPDATE TO jinjibu_app
    USING ((SELECT app_role()) = 'admin' OR ((SELECT app_role()) = 'secretariat' AND id = ANY ((SELECT app_consortia())::bigint[])))
    WITH CHECK ((SELECT app_role()) = 'admin' OR ((SELECT app_role()) = 'secretariat' AND id = ANY ((SELECT app_consortia())::bigint[])));

ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE ON organizations TO jinjibu_app;
CREATE POLICY tenant_read ON organizations FOR SELECT TO jinjibu_app
    USING ((SELECT app_role()) = 'admin'
           OR registered_for && (SELECT app_readable_consortia())
           OR id = ANY ((SELECT app_readable_organizations())::bigint[]));
CREATE POLICY tenant_insert ON organizations FOR INSERT TO jinjibu_app
    WITH CHECK ((SELECT app_role()) = 'admin'
                OR ((SELECT app_role()) = 'secretariat' AND cardinality(registered_for) > 0
                    AND registered_for <@ (SELECT app_consortia())));
CREATE POLICY tenant_update ON organizations FOR UPDATE TO jinjibu_app
    USING ((SELECT app_role()) = 'admin'
           OR ((SELECT app_role()) = 'secretariat'
               AND (registered_for && (SELECT app_consortia()) OR id = ANY ((SELECT app_readable_organizations())::bigint[]))))
    WITH CHECK ((SELECT app_role()) IN ('admin', 'secretariat'));

-- The audit trail: the trigger functions (per row, and per statement for expenses) now run as
-- their owner, so the service role needs no INSERT privilege on audit_log and cannot write
-- rows of its own into it.
ALTER FUNCTION audit_row() SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION audit_statement() SECURITY DEFINER SET search_path = public, pg_temp;
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON audit_log TO jinjibu_app;
CREATE POLICY tenant_read ON audit_log FOR SELECT TO jinjibu_app
    USING ((SELECT app_role()) = 'admin'
           OR consortium_id = ANY ((SELECT app_readable_consortia())::bigint[])
           OR (table_name = 'organizations' AND row_id = ANY ((SELECT app_readable_organizations())::bigint[])));

-- Reference data: everyone reads it; only an administrator changes programmes and frames.
GRANT SELECT ON bureaus, prefectures TO jinjibu_app;
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['programs', 'frames', 'frame_categories'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO jinjibu_app', t);
        EXECUTE format('CREATE POLICY reference_read ON %I FOR SELECT TO jinjibu_app USING (true)', t);
        EXECUTE format('CREATE POLICY reference_insert ON %I FOR INSERT TO jinjibu_app WITH CHECK ((SELECT app_role()) = ''admin'')', t);
        EXECUTE format('CREATE POLICY reference_update ON %I FOR UPDATE TO jinjibu_app USING ((SELECT app_role()) = ''admin'')', t);
        EXECUTE format('CREATE POLICY reference_delete ON %I FOR DELETE TO jinjibu_app USING ((SELECT app_role()) = ''admin'')', t);
    END LOOP;
END $$;

-- Export runs span consortia: an administrator sees all, a bureau its own bureau's runs.
ALTER TABLE export_runs ENABLE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE ON export_runs TO jinjibu_app;
CREATE POLICY tenant_read ON export_runs FOR SELECT TO jinjibu_app
    USING ((SELECT app_role()) = 'admin' OR ((SELECT app_role()) = 'bureau' AND bureau = (SELECT app_bureau())));
CREATE POLICY tenant_insert ON export_runs FOR INSERT TO jinjibu_app
    WITH CHECK ((SELECT app_role()) = 'admin' OR ((SELECT app_role()) = 'bureau' AND bureau = (SELECT app_bureau())));
CREATE POLICY tenant_update ON export_runs FOR UPDATE TO jinjibu_app
    USING ((SELECT app_role()) = 'admin' OR ((SELECT app_role()) = 'bureau' AND bureau = (SELECT app_bureau())));

-- Identity columns draw from sequences.
DO $$
DECLARE
    s text;
BEGIN
    FOR s IN
        SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = 'public'
          AND sequence_name NOT LIKE 'users%' AND sequence_name NOT LIKE 'sessions%'
          AND sequence_name NOT LIKE 'api_tokens%' AND sequence_name NOT LIKE 'schema_migrations%'
    LOOP
        EXECUTE format('GRANT USAGE ON SEQUENCE %I TO jinjibu_app', s);
    END LOOP;
END $$;

-- Which columns a role may change, per table: TG_ARGV holds 'role:col,col' entries. An
-- administrator and the command line (no role) may change anything; a role without an entry
-- nothing (row-level security normally stops it before this point).
CREATE FUNCTION app_guard_columns() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    caller constant text := app_role();
    entry text;
    allowed text[] := ARRAY['updated_at', 'version'];
BEGIN
    IF caller IN ('', 'admin') THEN
        RETURN NEW;
    END IF;
    FOREACH entry IN ARRAY TG_ARGV LOOP
        IF split_part(entry, ':', 1) = caller THEN
            allowed := allowed || string_to_array(split_part(entry, ':', 2), ',');
        END IF;
    END LOOP;
    IF (to_jsonb(NEW) - allowed) IS DISTINCT FROM (to_jsonb(OLD) - allowed) THEN
        RAISE EXCEPTION 'a % may not change these columns of %', caller, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege', TABLE = TG_TABLE_NAME,
                  HINT = format('allowed: %s', array_to_string(allowed, ', '));
    END IF;
    RETURN NEW;
END $$;

-- The plan (name, region, period) is the secretariat's; status, grant and advance payment
-- are the bureau's decisions.
CREATE TRIGGER adopted_projects_app_guard BEFORE UPDATE ON adopted_projects FOR EACH ROW
    EXECUTE FUNCTION app_guard_columns('secretariat:project_name,region,starts_on,ends_on',
                                       'bureau:status,granted_yen,prior_paid_yen');
CREATE TRIGGER consortia_app_guard BEFORE UPDATE ON consortia FOR EACH ROW
    EXECUTE FUNCTION app_guard_columns('secretariat:name,established_on');
CREATE TRIGGER organizations_app_guard BEFORE UPDATE ON organizations FOR EACH ROW
    EXECUTE FUNCTION app_guard_columns(
        'secretariat:kind,name,corporate_number,local_government_code,prefecture_code,jsic_division,sme_sector,capital_yen,employees');
CREATE TRIGGER memberships_app_guard BEFORE UPDATE ON memberships FOR EACH ROW
    EXECUTE FUNCTION app_guard_columns('secretariat:role,joined_on,left_on,group_name');
CREATE TRIGGER claims_app_guard BEFORE UPDATE ON claims FOR EACH ROW
    EXECUTE FUNCTION app_guard_columns('secretariat:status,status_changed_at,status_changed_by',
                                       'bureau:status,status_changed_at,status_changed_by');

-- A secretariat submits claims; the bureau approves, returns and pays them.
CREATE FUNCTION claims_app_status_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status IS DISTINCT FROM OLD.status
       AND ((app_role() = 'secretariat' AND NEW.status <> 'submitted')
            OR (app_role() = 'bureau' AND NEW.status NOT IN ('approved', 'returned', 'paid'))) THEN
        RAISE EXCEPTION 'a % may not move a claim to status %', app_role(), NEW.status
            USING ERRCODE = 'insufficient_privilege', TABLE = 'claims', COLUMN = 'status';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER claims_app_status BEFORE UPDATE OF status ON claims FOR EACH ROW
    EXECUTE FUNCTION claims_app_status_guard();
