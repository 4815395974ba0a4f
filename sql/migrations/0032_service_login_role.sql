-- The service logging in as a role of its own (deploy/OPERATIONS.md, "Database roles"), not as
-- the owner of the tables.
--
-- Before it enters a request's scope, the service looks up who is calling: the session or the
-- API token, the user, the consortia the user works for. Those lookups read `consortia` for the
-- consortium codes, and `consortia` has row-level security whose policies read the scope's
-- settings: a login role that owns nothing saw no consortium there, so a secretariat signed in
-- with no consortium at all. The tests ran the service as the owner, who bypasses row-level
-- security, and did not show it.
--
-- app_account_consortia(user) reads a user's consortia (id and code, by code) as the owner of
-- this function, the role that runs the migrations and owns the tables: it reads past the
-- policies, and only this. It is not callable from a request's scope (jinjibu_app has no
-- EXECUTE), so a caller cannot list other users' consortia from inside one.
--
-- app_grant_service_role(role) gives a login role what the service does outside a request's
-- scope and lets it enter one; `jinjibu migrate --service-role NAME` calls it after the
-- migrations, so the grants are written once, here, and re-applied on every migrate (a later
-- migration that needs more for the service replaces this function).

CREATE FUNCTION app_account_consortia(account bigint) RETURNS TABLE (id bigint, code text)
LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT c.id, c.code FROM user_consortia uc JOIN consortia c ON c.id = uc.consortium_id
    WHERE uc.user_id = account ORDER BY c.code
$$;
-- A security definer function must not resolve names through the caller's search path.
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION app_account_consortia(bigint) SET search_path = %I, pg_temp', current_schema());
END $$;
REVOKE EXECUTE ON FUNCTION app_account_consortia(bigint) FROM PUBLIC;

-- As in 0031, but the consortia through app_account_consortia.
CREATE OR REPLACE FUNCTION app_enter_token_scope(hash bytea)
RETURNS TABLE (id bigint, login text, role text, bureau text, consortia text, reviewed_bureaus text)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    account record;
BEGIN
    SELECT t.id AS token_id, t.last_used_at, u.id, u.login, u.role, u.bureau,
           coalesce((SELECT array_agg(a.id::text || ':' || a.code ORDER BY a.code) FROM app_account_consortia(u.id) a), '{}')::text
               AS consortia,
           coalesce((SELECT array_agg(a.id ORDER BY a.code) FROM app_account_consortia(u.id) a), '{}')::text AS consortium_ids,
           coalesce((SELECT array_agg(rb.bureau ORDER BY rb.bureau) FROM reviewer_bureaus rb WHERE rb.user_id = u.id), '{}')::text
               AS reviewed_bureaus
    INTO account
    FROM api_tokens t JOIN users u ON u.id = t.user_id
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

CREATE FUNCTION app_grant_service_role(service text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    account_tables constant text := 'users, user_consortia, sessions, api_tokens, login_failures, reviewer_bureaus';
    id_sequence regclass;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = service AND rolcanlogin) THEN
        RAISE EXCEPTION 'no login role named %', service USING ERRCODE = 'JJ404';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = service AND (rolsuper OR rolbypassrls))
       OR service = (SELECT tableowner FROM pg_tables WHERE tablename = 'consortia' AND schemaname = current_schema()) THEN
        RAISE EXCEPTION 'role % bypasses row-level security (superuser, BYPASSRLS or the tables'' owner)', service USING ERRCODE = 'JJ403';
    END IF;
    EXECUTE format('GRANT jinjibu_app TO %I', service);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO %I', account_tables, service);
    FOR id_sequence IN
        SELECT pg_get_serial_sequence(a.attrelid::regclass::text, a.attname)::regclass
        FROM pg_attribute a
        WHERE a.attrelid = ANY (string_to_array(account_tables, ', ')::regclass[]) AND a.attnum > 0 AND NOT a.attisdropped
          AND pg_get_serial_sequence(a.attrelid::regclass::text, a.attname) IS NOT NULL
    LOOP
        EXECUTE format('GRANT USAGE ON SEQUENCE %s TO %I', id_sequence, service);
    END LOOP;
    EXECUTE format('GRANT SELECT ON schema_migrations TO %I', service);
    EXECUTE format('GRANT EXECUTE ON FUNCTION app_enter_token_scope(bytea), app_account_consortia(bigint) TO %I', service);
END
$$;
REVOKE EXECUTE ON FUNCTION app_grant_service_role(text) FROM PUBLIC;

-- A service role set up by hand as OPERATIONS.md said before this migration (EXECUTE on 0031's
-- function) keeps working: it may read the consortia the same way.
DO $$
DECLARE
    service text;
BEGIN
    FOR service IN
        SELECT DISTINCT r.rolname FROM pg_proc f, aclexplode(f.proacl) a JOIN pg_roles r ON r.oid = a.grantee
        WHERE f.proname = 'app_enter_token_scope' AND a.privilege_type = 'EXECUTE' AND r.oid <> f.proowner
    LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION app_account_consortia(bigint) TO %I', service);
    END LOOP;
END $$;
