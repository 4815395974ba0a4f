-- Schema v1: reference tables, organisations, consortia, memberships and the audit trail.

-- Check digits, so the database refuses what the Domain module refuses.
CREATE FUNCTION corporate_number_is_valid(value text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT value ~ '^[0-9]{13}$'
       AND substr(value, 1, 1)::int = 9 - (
           SELECT sum(substr(value, 14 - n, 1)::int * CASE WHEN n % 2 = 1 THEN 1 ELSE 2 END) % 9
           FROM generate_series(1, 12) AS n)
$$;

CREATE FUNCTION local_government_code_is_valid(value text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT value ~ '^[0-9]{6}$'
       AND substr(value, 1, 2)::int BETWEEN 1 AND 47
       AND substr(value, 6, 1)::int = (11 - (
           6 * substr(value, 1, 1)::int + 5 * substr(value, 2, 1)::int + 4 * substr(value, 3, 1)::int
         + 3 * substr(value, 4, 1)::int + 2 * substr(value, 5, 1)::int) % 11) % 10
$$;

CREATE TABLE bureaus (
    code        text PRIMARY KEY CHECK (code ~ '^[a-z]+$'),
    name_ja     text NOT NULL UNIQUE,
    sort_order  smallint NOT NULL UNIQUE
);

CREATE TABLE prefectures (
    code        smallint PRIMARY KEY CHECK (code BETWEEN 1 AND 47),
    name_ja     text NOT NULL UNIQUE,
    bureau      text NOT NULL REFERENCES bureaus (code)
);

CREATE TABLE organizations (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code                   text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    kind                   text NOT NULL CHECK (kind IN (
                               'company', 'npo', 'general_association', 'chamber_of_commerce',
                               'society_of_commerce', 'regional_bank', 'shinkin_bank', 'credit_cooperative',
                               'municipality', 'university', 'technical_college', 'high_school',
                               'industry_association', 'support_center', 'employment_office',
                               'recruiting_company', 'support_foundation', 'other')),
    name                   text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 200),
    corporate_number       text UNIQUE CHECK (corporate_number_is_valid(corporate_number)),
    local_government_code  text UNIQUE CHECK (local_government_code_is_valid(local_government_code)),
    prefecture_code        smallint REFERENCES prefectures (code),
    jsic_division          text CHECK (jsic_division ~ '^[A-T]$'),
    sme_sector             text CHECK (sme_sector IN ('manufacturing_other', 'wholesale', 'retail', 'services')),
    capital_yen            bigint CHECK (capital_yen >= 0),
    employees              integer CHECK (employees >= 0),
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    version                integer NOT NULL DEFAULT 1,
    CHECK (local_government_code IS NULL OR kind = 'municipality'),
    CHECK (local_government_code IS NULL OR prefecture_code IS NULL
           OR prefecture_code = substr(local_government_code, 1, 2)::smallint)
);

-- A consortium's own id is its distribution key; tables of its data carry consortium_id.
CREATE TABLE consortia (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code             text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    name             text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 200),
    prefecture_code  smallint NOT NULL REFERENCES prefectures (code),
    secretariat_id   bigint NOT NULL REFERENCES organizations (id),
    established_on   date,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer NOT NULL DEFAULT 1
);

CREATE TABLE memberships (
    consortium_id    bigint NOT NULL REFERENCES consortia (id),
    id               bigint GENERATED ALWAYS AS IDENTITY,
    organization_id  bigint NOT NULL REFERENCES organizations (id),
    role             text NOT NULL CHECK (role IN ('secretariat', 'institution', 'firm')),
    joined_on        date NOT NULL,
    left_on          date CHECK (left_on >= joined_on),
    group_name       text CHECK (group_name IS NULL OR btrim(group_name) <> ''),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer NOT NULL DEFAULT 1,
    PRIMARY KEY (consortium_id, id),
    UNIQUE (consortium_id, organization_id, role, joined_on)
);
CREATE INDEX memberships_organization ON memberships (organization_id);

-- Keeps updated_at and the optimistic-locking version current on every real change.
CREATE FUNCTION touch_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    NEW.version := OLD.version + 1;
    RETURN NEW;
END $$;

-- The append-only audit trail: who, when, what, before and after.
CREATE TABLE audit_log (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at             timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor          text NOT NULL,
    table_name     text NOT NULL,
    operation      text NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE')),
    consortium_id  bigint,
    row_id         bigint,
    before         jsonb,
    after          jsonb
);
CREATE INDEX audit_log_consortium ON audit_log (consortium_id, at);
CREATE INDEX audit_log_row ON audit_log (table_name, row_id);

-- The actor is set per transaction with SET LOCAL jinjibu.actor; a session without one is
-- recorded under its database role.
CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_row jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
    new_row jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;
    subject jsonb := coalesce(new_row, old_row);
BEGIN
    IF TG_OP = 'UPDATE' AND (old_row - 'updated_at' - 'version') = (new_row - 'updated_at' - 'version') THEN
        RETURN NULL;
    END IF;
    INSERT INTO audit_log (actor, table_name, operation, consortium_id, row_id, before, after)
    VALUES (
        coalesce(nullif(current_setting('jinjibu.actor', true), ''), session_user),
        TG_TABLE_NAME, TG_OP,
        CASE WHEN TG_TABLE_NAME = 'consortia' THEN (subject ->> 'id')::bigint
             ELSE (subject ->> 'consortium_id')::bigint END,
        (subject ->> 'id')::bigint,
        old_row, new_row);
    RETURN NULL;
END $$;

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

CREATE TRIGGER organizations_touch BEFORE UPDATE ON organizations FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER consortia_touch BEFORE UPDATE ON consortia FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER memberships_touch BEFORE UPDATE ON memberships FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER organizations_audit AFTER INSERT OR UPDATE OR DELETE ON organizations FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER consortia_audit AFTER INSERT OR UPDATE OR DELETE ON consortia FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER memberships_audit AFTER INSERT OR UPDATE OR DELETE ON memberships FOR EACH ROW EXECUTE FUNCTION audit_row();
