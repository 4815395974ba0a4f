-- The security definer functions in PL/pgSQL, and the token check's consortia read once (issue
-- #18).
--
-- A function in LANGUAGE sql is inlined into the calling query only when it is not SECURITY
-- DEFINER and has no SET clause; every function below is both, so PostgreSQL (15) ran each
-- call as a query of its own: it parsed, analysed and planned the body again on every call,
-- because an SQL function keeps its plan only for the one execution of the calling statement.
-- The row-level security policies call app_readable_consortia() once per table per statement,
-- so a secretariat's stored-claim read paid for five such plannings (about 0.5 ms each on the
-- benchmark's machine: a secretariat read about 800 claims per second where an administrator,
-- whose policies stop at the role, read 5,000), and the organisations' update policy called
-- app_organization_read_only(id) once per row. A PL/pgSQL function plans each statement once
-- per connection and keeps the plan; a branch that needs no query (a secretariat's consortia
-- come from the scope's settings) runs none.
--
-- Each function returns what it returned before, for every role (TenantIsolationTests and the
-- others that enter scopes read through all of them); only the language and the plans change.
-- Owners, grants and the search_path settings stay as they were: CREATE OR REPLACE keeps the
-- owner and the privileges, and each SET clause is written again, since replacing a function
-- replaces its settings.
--
-- app_enter_token_scope read the caller's consortia twice (their ids and codes, then their ids
-- alone), through app_account_consortia, on every request with an API token: now once.

CREATE OR REPLACE FUNCTION app_readable_consortia() RETURNS bigint[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    caller_role constant text := app_role();
    bureaus text[];
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
    SELECT coalesce(array_agg(DISTINCT s.id ORDER BY s.id), '{}') INTO readable FROM (
        SELECT c.id FROM consortia c JOIN prefectures p ON p.code = c.prefecture_code
        WHERE p.bureau = ANY (bureaus)
        UNION ALL
        SELECT ap.consortium_id FROM adopted_projects ap JOIN prefectures p ON p.code = ap.prefecture_code
        WHERE p.bureau = ANY (bureaus)) s;
    RETURN readable;
END
$$;

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
        SELECT e.firm_id FROM expenses e WHERE e.consortium_id = ANY (readable) AND e.firm_id IS NOT NULL) t;
    RETURN organizations;
END
$$;

CREATE OR REPLACE FUNCTION app_organization_read_only(org bigint) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    own constant bigint[] := app_consortia();
BEGIN
    IF app_role() IN ('', 'admin') THEN
        RETURN false;
    END IF;
    RETURN EXISTS (SELECT 1 FROM memberships m WHERE m.organization_id = org AND m.consortium_id <> ALL (own))
        OR EXISTS (SELECT 1 FROM consortia c WHERE c.secretariat_id = org AND c.id <> ALL (own))
        OR EXISTS (SELECT 1 FROM organizations o WHERE o.id = org AND NOT (o.registered_for <@ own))
        OR EXISTS (SELECT 1 FROM project_applicants pa WHERE pa.organization_id = org AND pa.consortium_id <> ALL (own))
        OR EXISTS (SELECT 1 FROM consultations x WHERE x.firm_id = org AND x.consortium_id <> ALL (own))
        OR EXISTS (SELECT 1 FROM consultations x WHERE x.referred_to_id = org AND x.consortium_id <> ALL (own))
        OR EXISTS (SELECT 1 FROM consultations x WHERE x.referred_by_id = org AND x.consortium_id <> ALL (own))
        OR EXISTS (SELECT 1 FROM event_firms f WHERE f.organization_id = org AND f.consortium_id <> ALL (own))
        OR EXISTS (SELECT 1 FROM expenses e WHERE e.firm_id = org AND e.consortium_id <> ALL (own));
END
$$;

-- corporate_number is UNIQUE (0001): at most one row.
CREATE OR REPLACE FUNCTION app_organization_by_corporate_number(number text) RETURNS bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF app_role() NOT IN ('admin', 'secretariat') THEN
        RETURN NULL;
    END IF;
    RETURN (SELECT o.id FROM organizations o WHERE o.corporate_number = number);
END
$$;

CREATE OR REPLACE FUNCTION app_account_consortia(account bigint) RETURNS TABLE (id bigint, code text)
LANGUAGE plpgsql STABLE SECURITY DEFINER AS $$
BEGIN
    RETURN QUERY
        SELECT c.id, c.code FROM user_consortia uc JOIN consortia c ON c.id = uc.consortium_id
        WHERE uc.user_id = account ORDER BY c.code;
END
$$;
-- As in 0032: a security definer function must not resolve names through the caller's search
-- path (the replacement above dropped the setting).
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION app_account_consortia(bigint) SET search_path = %I, pg_temp', current_schema());
END $$;

-- As in 0032, with the caller's consortia read once for both of their forms.
CREATE OR REPLACE FUNCTION app_enter_token_scope(hash bytea)
RETURNS TABLE (id bigint, login text, role text, bureau text, consortia text, reviewed_bureaus text)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    account record;
BEGIN
    SELECT t.id AS token_id, t.last_used_at, u.id, u.login, u.role, u.bureau, own.consortia, own.consortium_ids,
           coalesce((SELECT array_agg(rb.bureau ORDER BY rb.bureau) FROM reviewer_bureaus rb WHERE rb.user_id = u.id), '{}')::text
               AS reviewed_bureaus
    INTO account
    FROM api_tokens t JOIN users u ON u.id = t.user_id,
         LATERAL (SELECT coalesce(array_agg(a.id::text || ':' || a.code ORDER BY a.code), '{}')::text AS consortia,
                         coalesce(array_agg(a.id ORDER BY a.code), '{}')::text AS consortium_ids
                  FROM app_account_consortia(u.id) a) own
    WHERE t.token_hash = hash AND t.revoked_at IS NULL AND t.expires_at > now() AND u.disabled_at IS NULL;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'the API token is unknown, expired or revoked' USING ERRCODE = 'JJ401';
    END IF;
    IF account.last_used_at IS NULL OR account.last_used_at < now() - interval '1 minute' THEN
        UPDATE api_tokens SET last_used_at = now() WHERE api_tokens.id = account.token_id;
    END IF;
    PERFORM set_config('jinjibu.role', account.role, true),
            set_config('jinjibu.user_id', account.id::text, true),
            set_config('jinjibu.consortia', account.consortium_ids, true),
            set_config('jinjibu.bureau', coalesce(account.bureau, ''), true),
            set_config('jinjibu.reviewed_bureaus', account.reviewed_bureaus, true),
            set_config('jinjibu.actor', 'user:' || account.login, true),
            set_config('role', 'jinjibu_app', true);
    RETURN QUERY SELECT account.id, account.login, account.role, account.bureau, account.consortia, account.reviewed_bureaus;
END
$$;
