-- The applicant's address and representative (代表者), which the printed 実績報告書 names.
--
-- Optional, one line each, bounded as Domain's OrganizationParticular bounds them (address
-- 200, the representative's title 50, name 100 code points; no control characters), so that
-- a value written past the application is held to the same rules.
--
-- representative_name is a personal name: like placements.person_name (0009), the audit
-- trail records that it was set or changed, not the name.

ALTER TABLE organizations
    ADD COLUMN address text
        CONSTRAINT organizations_address_check
        CHECK (btrim(address) <> '' AND length(address) <= 200 AND address !~ '[[:cntrl:]]'),
    ADD COLUMN representative_title text
        CONSTRAINT organizations_representative_title_check
        CHECK (btrim(representative_title) <> '' AND length(representative_title) <= 50
               AND representative_title !~ '[[:cntrl:]]'),
    ADD COLUMN representative_name text
        CONSTRAINT organizations_representative_name_check
        CHECK (btrim(representative_name) <> '' AND length(representative_name) <= 100
               AND representative_name !~ '[[:cntrl:]]');

-- A secretariat may change them as it may the other values of an organisation it alone uses
-- (0006's column guard, restated with the three columns; 0008's policy still applies).
DROP TRIGGER organizations_app_guard ON organizations;
CREATE TRIGGER organizations_app_guard BEFORE UPDATE ON organizations FOR EACH ROW
    EXECUTE FUNCTION app_guard_columns(
        'secretariat:kind,name,corporate_number,local_government_code,prefecture_code,jsic_division,sme_sector,capital_yen,employees,address,representative_title,representative_name');

-- As in 0009, with the organisations' personal column added. No stored row needs rewriting:
-- the column is new.
CREATE OR REPLACE FUNCTION audit_personal_columns(tbl text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE tbl
        WHEN 'placements' THEN ARRAY['person_name']
        WHEN 'organizations' THEN ARRAY['representative_name']
        ELSE '{}'::text[] END
$$;
