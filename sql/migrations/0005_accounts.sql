-- Accounts of the HTTP service: users with a role and a scope, browser sessions, API tokens
-- and the record of failed logins that throttles guessing.
--
-- Secrets are never stored: passwords as bcrypt hashes, session and API tokens as the
-- SHA-256 of the token (the token itself is 32 random bytes, so a fast hash is enough), and
-- the throttle keys (login name, client address) as SHA-256 too, so this table holds no
-- personal data in the clear. These tables carry no audit trigger: the audit trail copies
-- whole rows, and a password hash has no business there.

-- admin: everything; bureau: its bureau's prefectures (users.bureau); secretariat: read and
-- write its consortia (user_consortia); viewer: read its consortia.
CREATE TABLE users (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Lower case so that one person cannot hold "Sato" and "sato".
    login          text NOT NULL UNIQUE CHECK (login ~ '^[a-z0-9][a-z0-9._@-]{2,63}$'),
    password_hash  text NOT NULL CHECK (password_hash ~ '^\$2[aby]\$[0-9]{2}\$'),
    role           text NOT NULL CHECK (role IN ('admin', 'bureau', 'secretariat', 'viewer')),
    bureau         text REFERENCES bureaus (code),
    disabled_at    timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    version        integer NOT NULL DEFAULT 1,
    CONSTRAINT users_bureau_scope CHECK ((role = 'bureau') = (bureau IS NOT NULL))
);

-- The consortia a secretariat or viewer works for (a secretariat may run several).
CREATE TABLE user_consortia (
    user_id        bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    consortium_id  bigint NOT NULL REFERENCES consortia (id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, consortium_id)
);
CREATE INDEX user_consortia_consortium ON user_consortia (consortium_id);

CREATE TABLE sessions (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash    bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    CONSTRAINT sessions_expiry_after_creation CHECK (expires_at > created_at)
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Bearer tokens for scripts. Every token expires; revoking keeps the row (when, by whom is
-- in revoked_at), so a leaked token that is used later shows up as refused, not unknown.
CREATE TABLE api_tokens (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 100),
    token_hash    bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    last_used_at  timestamptz,
    CONSTRAINT api_tokens_expiry_after_creation CHECK (expires_at > created_at)
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- One row per failed login, keyed twice (by login name and by client address), both hashed.
-- Kept in the database rather than in memory so that several service processes behind one
-- load balancer share the count; old rows are deleted as new ones arrive.
CREATE TABLE login_failures (
    kind       text NOT NULL CHECK (kind IN ('login', 'address')),
    key_hash   bytea NOT NULL CHECK (length(key_hash) = 32),
    failed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_key ON login_failures (kind, key_hash, failed_at);

CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch_row();
