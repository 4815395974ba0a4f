-- Entering a tenant scope from an API token, in the statement that checks the token (issue
-- #18): a read that needs no answer from the token lookup first (the stored claim) sends this
-- call, then its own statements, in one pipeline, one round trip and one implicit transaction.
--
-- app_enter_token_scope(token_hash) does what the service did in two steps: the token lookup
-- of AccountRepository.tokenUser (not revoked, not expired, its user not disabled; last use
-- recorded at most once a minute) and TenantScope.entering (the transaction-local jinjibu.*
-- settings, then role jinjibu_app), and returns the user as the lookup did. An unknown,
-- expired or revoked token, or a disabled user, raises JJ401, which the service answers with
-- the same 401 as a failed lookup; the error aborts the pipeline, so no later statement runs,
-- and the refused use is not recorded. The function either raises or leaves the scope wholly
-- entered: the role is set in here, last, not by the caller.
--
-- SECURITY INVOKER, not DEFINER: it runs as the service's own role, before the switch, with
-- exactly the privileges the lookup had; and setting role is refused inside a security
-- definer function. EXECUTE is revoked from PUBLIC: jinjibu_app cannot call it.
--
-- The jinjibu.* values are formatted as TenantScope formats them: consortia and reviewed
-- bureaus as {a,b} in the order UserAccount holds them (consortia by code, bureaus by code),
-- an empty bureau for none, the actor 'user:' || login. TokenScopeTests compares the two.

CREATE FUNCTION app_enter_token_scope(hash bytea)
RETURNS TABLE (id bigint, login text, role text, bureau text, consortia text, reviewed_bureaus text)
-- No SET search_path: a function with a SET clause pays for a nested settings level on every
-- call, and an invoker's function gains nothing from it (every name below is the caller's own).
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    account record;
BEGIN
    SELECT t.id AS token_id, t.last_used_at, u.id, u.login, u.role, u.bureau,
           coalesce((SELECT array_agg(c.id::text || ':' || c.code ORDER BY c.code)
                     FROM user_consortia uc JOIN consortia c ON c.id = uc.consortium_id
                     WHERE uc.user_id = u.id), '{}')::text AS consortia,
           coalesce((SELECT array_agg(c.id ORDER BY c.code)
                     FROM user_consortia uc JOIN consortia c ON c.id = uc.consortium_id
                     WHERE uc.user_id = u.id), '{}')::text AS consortium_ids,
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
    -- From here on the function runs as jinjibu_app: nothing but its own values.
    RETURN QUERY SELECT account.id, account.login, account.role, account.bureau, account.consortia, account.reviewed_bureaus;
END
$$;

REVOKE EXECUTE ON FUNCTION app_enter_token_scope(bytea) FROM PUBLIC;
