-- Grant decisions (交付決定, 変更交付決定) and advance payments (概算払) as records with their
-- own dates (issue 15; DOMAIN.md "The grant lifecycle", steps 1 and 2).
--
-- A project's decisions are numbered 1 (the initial decision), 2, 3, … (changes, each with a
-- reason); a change is never dated before the decision it changes, and no decision is changed
-- or deleted once recorded: the history is the record. A claim is measured against the
-- decision in force on its as-of date (the latest decided on or before it).
--
-- adopted_projects.granted_yen and prior_paid_yen stay, so that every reader of a project
-- (lists, the bureau's totals, the export) keeps working, but they now follow the records:
-- - granted_yen is the latest decision's amount once the project has a decision. A project
--   adopted with a granted amount and no decision (the published lists, data from before
--   this migration) keeps its amount as it was, and its claims use it.
-- - prior_paid_yen is the sum of the project's advance payments. Each project's existing
--   prior_paid_yen becomes one payment. The data has no payment date, so it is dated the
--   first day of the project's fiscal year, or the earliest as-of date of the project's
--   claims if that is earlier: every claim already stored then deducts exactly what it
--   deducted before. A project inserted with a prior_paid_yen (an import of a list with a
--   概算払額 column) gets its payment dated the same way.
-- Changing either column by hand to something the records do not give is refused.

-- A planned budget is an object of ExpenseCategory codes to amounts between ¥0 and ¥10^15.
CREATE FUNCTION grant_budget_is_valid(budget jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT jsonb_typeof(budget) = 'object' AND NOT EXISTS (
        SELECT 1 FROM jsonb_each(budget) AS b(category, amount)
        WHERE b.category NOT IN ('personnel', 'honoraria', 'travel', 'venue', 'advertising', 'outsourcing',
                                 'equipment', 'consumables', 'course_operation', 'other')
           OR jsonb_typeof(b.amount) <> 'number'
           OR b.amount::numeric <> trunc(b.amount::numeric)
           OR b.amount::numeric NOT BETWEEN 0 AND 1000000000000000)
$$;

CREATE TABLE grant_decisions (
    consortium_id    bigint NOT NULL,
    id               bigint GENERATED ALWAYS AS IDENTITY,
    project_id       bigint NOT NULL,
    -- 1 for the initial decision (交付決定), then 2, 3, … for changes (変更交付決定).
    sequence         integer NOT NULL CHECK (sequence >= 1),
    decided_on       date NOT NULL,
    -- GrantDecision.documentNumberLimit.
    document_number  text NOT NULL CHECK (btrim(document_number) <> '' AND length(document_number) <= 100),
    amount_yen       bigint NOT NULL CHECK (amount_yen BETWEEN 0 AND 1000000000000000),
    -- 経費配分: {"personnel": 1200000, …}, keys ExpenseCategory codes; {} when none is stated.
    planned_budget   jsonb NOT NULL DEFAULT '{}' CHECK (grant_budget_is_valid(planned_budget)),
    -- GrantDecision.reasonLimit; required for a change.
    reason           text CHECK (btrim(reason) <> '' AND length(reason) <= 1000),
    created_by       text NOT NULL CHECK (btrim(created_by) <> ''),
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consortium_id, id),
    UNIQUE (consortium_id, project_id, sequence),
    FOREIGN KEY (consortium_id, project_id) REFERENCES adopted_projects (consortium_id, id),
    CONSTRAINT grant_decisions_change_has_reason CHECK (sequence = 1 OR reason IS NOT NULL)
);

CREATE TABLE advance_payments (
    consortium_id  bigint NOT NULL,
    id             bigint GENERATED ALWAYS AS IDENTITY,
    project_id     bigint NOT NULL,
    sequence       integer NOT NULL CHECK (sequence >= 1),
    paid_on        date NOT NULL,
    amount_yen     bigint NOT NULL CHECK (amount_yen BETWEEN 1 AND 1000000000000000),
    created_by     text NOT NULL CHECK (btrim(created_by) <> ''),
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consortium_id, id),
    UNIQUE (consortium_id, project_id, sequence),
    FOREIGN KEY (consortium_id, project_id) REFERENCES adopted_projects (consortium_id, id)
);

CREATE INDEX grant_decisions_project ON grant_decisions (consortium_id, project_id, decided_on);
CREATE INDEX advance_payments_project ON advance_payments (consortium_id, project_id, paid_on);

-- The record numbers itself in order and keeps its dates in order; it never changes.
CREATE FUNCTION grant_decisions_check_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    latest record;
BEGIN
    -- Serialises decisions of one project, and waits for claims being stored meanwhile.
    PERFORM 1 FROM adopted_projects WHERE consortium_id = NEW.consortium_id AND id = NEW.project_id FOR UPDATE;
    SELECT sequence, decided_on INTO latest FROM grant_decisions
    WHERE consortium_id = NEW.consortium_id AND project_id = NEW.project_id ORDER BY sequence DESC LIMIT 1;
    IF NEW.sequence <> coalesce(latest.sequence, 0) + 1 THEN
        RAISE EXCEPTION 'grant decision % is out of sequence: the next is %', NEW.sequence, coalesce(latest.sequence, 0) + 1
            USING ERRCODE = 'check_violation', CONSTRAINT = 'grant_decisions_sequence', TABLE = 'grant_decisions', COLUMN = 'sequence';
    END IF;
    IF NEW.decided_on < latest.decided_on THEN
        RAISE EXCEPTION 'grant decision % is dated % before decision % of %', NEW.sequence, NEW.decided_on, latest.sequence, latest.decided_on
            USING ERRCODE = 'check_violation', CONSTRAINT = 'grant_decisions_date_order', TABLE = 'grant_decisions', COLUMN = 'decided_on';
    END IF;
    RETURN NEW;
END $$;

CREATE FUNCTION advance_payments_check_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    latest integer;
BEGIN
    PERFORM 1 FROM adopted_projects WHERE consortium_id = NEW.consortium_id AND id = NEW.project_id FOR UPDATE;
    SELECT max(sequence) INTO latest FROM advance_payments WHERE consortium_id = NEW.consortium_id AND project_id = NEW.project_id;
    IF NEW.sequence <> coalesce(latest, 0) + 1 THEN
        RAISE EXCEPTION 'advance payment % is out of sequence: the next is %', NEW.sequence, coalesce(latest, 0) + 1
            USING ERRCODE = 'check_violation', CONSTRAINT = 'advance_payments_sequence', TABLE = 'advance_payments', COLUMN = 'sequence';
    END IF;
    RETURN NEW;
END $$;

CREATE FUNCTION grant_records_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are kept as recorded: a change is a new record', TG_TABLE_NAME
        USING ERRCODE = 'check_violation', CONSTRAINT = TG_TABLE_NAME || '_immutable', TABLE = TG_TABLE_NAME;
END $$;

-- The project's columns follow the records (see the head of this file).
CREATE FUNCTION grant_records_sync_project() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'grant_decisions' THEN
        UPDATE adopted_projects SET granted_yen = NEW.amount_yen
        WHERE consortium_id = NEW.consortium_id AND id = NEW.project_id AND granted_yen IS DISTINCT FROM NEW.amount_yen;
    ELSE
        UPDATE adopted_projects p SET prior_paid_yen = s.total
        FROM (SELECT sum(amount_yen) AS total FROM advance_payments
              WHERE consortium_id = NEW.consortium_id AND project_id = NEW.project_id) s
        WHERE p.consortium_id = NEW.consortium_id AND p.id = NEW.project_id AND p.prior_paid_yen <> s.total;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION adopted_projects_check_grant_records() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    latest_amount bigint;
    paid bigint;
BEGIN
    IF NEW.granted_yen IS DISTINCT FROM OLD.granted_yen THEN
        SELECT amount_yen INTO latest_amount FROM grant_decisions
        WHERE consortium_id = NEW.consortium_id AND project_id = NEW.id ORDER BY sequence DESC LIMIT 1;
        IF FOUND AND NEW.granted_yen IS DISTINCT FROM latest_amount THEN
            RAISE EXCEPTION 'the granted amount of adopted project % follows its grant decisions (% yen)', NEW.code, latest_amount
                USING ERRCODE = 'check_violation', CONSTRAINT = 'adopted_projects_granted_follows_decisions',
                      TABLE = 'adopted_projects', COLUMN = 'granted_yen',
                      HINT = 'record a change of the grant decision (変更交付決定) instead';
        END IF;
    END IF;
    IF NEW.prior_paid_yen IS DISTINCT FROM OLD.prior_paid_yen THEN
        SELECT coalesce(sum(amount_yen), 0) INTO paid FROM advance_payments
        WHERE consortium_id = NEW.consortium_id AND project_id = NEW.id;
        IF NEW.prior_paid_yen <> paid THEN
            RAISE EXCEPTION 'the prior payments of adopted project % are the sum of its advance payments (% yen)', NEW.code, paid
                USING ERRCODE = 'check_violation', CONSTRAINT = 'adopted_projects_prior_paid_follows_payments',
                      TABLE = 'adopted_projects', COLUMN = 'prior_paid_yen',
                      HINT = 'record an advance payment (概算払) with its date instead';
        END IF;
    END IF;
    RETURN NEW;
END $$;

-- A project inserted with an advance amount: that amount becomes its first payment.
CREATE FUNCTION adopted_projects_first_payment() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO advance_payments (consortium_id, project_id, sequence, paid_on, amount_yen, created_by)
    VALUES (NEW.consortium_id, NEW.id, 1, make_date(NEW.fiscal_year, 4, 1), NEW.prior_paid_yen,
            coalesce(nullif(current_setting('jinjibu.actor', true), ''), session_user));
    RETURN NULL;
END $$;

-- Existing advances become one payment each (dated as the head of this file says).
INSERT INTO advance_payments (consortium_id, project_id, sequence, paid_on, amount_yen, created_by)
SELECT p.consortium_id, p.id, 1,
       LEAST(make_date(p.fiscal_year, 4, 1),
             coalesce((SELECT min(c.as_of) FROM claims c WHERE c.consortium_id = p.consortium_id AND c.project_id = p.id),
                      make_date(p.fiscal_year, 4, 1))),
       p.prior_paid_yen, 'migration:0022'
FROM adopted_projects p WHERE p.prior_paid_yen > 0;

CREATE TRIGGER grant_decisions_insert BEFORE INSERT ON grant_decisions
    FOR EACH ROW EXECUTE FUNCTION grant_decisions_check_insert();
CREATE TRIGGER advance_payments_insert BEFORE INSERT ON advance_payments
    FOR EACH ROW EXECUTE FUNCTION advance_payments_check_insert();
CREATE TRIGGER grant_decisions_immutable BEFORE UPDATE OR DELETE ON grant_decisions
    FOR EACH ROW EXECUTE FUNCTION grant_records_are_immutable();
CREATE TRIGGER advance_payments_immutable BEFORE UPDATE OR DELETE ON advance_payments
    FOR EACH ROW EXECUTE FUNCTION grant_records_are_immutable();
CREATE TRIGGER grant_decisions_sync AFTER INSERT ON grant_decisions
    FOR EACH ROW EXECUTE FUNCTION grant_records_sync_project();
CREATE TRIGGER advance_payments_sync AFTER INSERT ON advance_payments
    FOR EACH ROW EXECUTE FUNCTION grant_records_sync_project();
CREATE TRIGGER adopted_projects_grant_records BEFORE UPDATE OF granted_yen, prior_paid_yen ON adopted_projects
    FOR EACH ROW EXECUTE FUNCTION adopted_projects_check_grant_records();
CREATE TRIGGER adopted_projects_first_payment AFTER INSERT ON adopted_projects
    FOR EACH ROW WHEN (NEW.prior_paid_yen > 0) EXECUTE FUNCTION adopted_projects_first_payment();
CREATE TRIGGER grant_decisions_audit AFTER INSERT OR UPDATE OR DELETE ON grant_decisions
    FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER advance_payments_audit AFTER INSERT OR UPDATE OR DELETE ON advance_payments
    FOR EACH ROW EXECUTE FUNCTION audit_row();

-- A claim version carries the terms in force on its as-of date: the decision in force then
-- (the project's granted amount when it has no decision at all) and the advances paid by
-- then. Restates claims_check_insert (0002) with that rule in place of "the project's
-- current granted and prior paid".
CREATE OR REPLACE FUNCTION claims_check_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    latest record;
    p record;
    f record;
    sums record;
    granted bigint;
    paid bigint;
BEGIN
    IF NEW.status IN ('returned', 'approved', 'paid') THEN
        RAISE EXCEPTION 'a claim is created as draft or submitted, not %', NEW.status
            USING ERRCODE = 'check_violation', CONSTRAINT = 'claims_initial_status', TABLE = 'claims', COLUMN = 'status';
    END IF;
    NEW.status_changed_by := coalesce(NEW.status_changed_by, NEW.created_by);
    latest := latest_claim_of(NEW.consortium_id, NEW.project_id);
    IF latest.project_code IS NULL THEN
        RETURN NEW;  -- no such project: the foreign key reports it
    END IF;
    IF NEW.claim_version <> coalesce(latest.claim_version, 0) + 1 THEN
        RAISE EXCEPTION 'claim version % of adopted project % is out of sequence: the next version is %',
            NEW.claim_version, latest.project_code, coalesce(latest.claim_version, 0) + 1
            USING ERRCODE = 'check_violation', CONSTRAINT = 'claims_version_sequence', TABLE = 'claims', COLUMN = 'claim_version';
    END IF;
    SELECT * INTO p FROM adopted_projects WHERE consortium_id = NEW.consortium_id AND id = NEW.project_id;
    SELECT * INTO f FROM frames WHERE id = p.frame_id;
    IF EXISTS (SELECT 1 FROM grant_decisions d WHERE d.consortium_id = p.consortium_id AND d.project_id = p.id) THEN
        SELECT d.amount_yen INTO granted FROM grant_decisions d
        WHERE d.consortium_id = p.consortium_id AND d.project_id = p.id AND d.decided_on <= NEW.as_of
        ORDER BY d.decided_on DESC, d.sequence DESC LIMIT 1;
    ELSE
        granted := p.granted_yen;
    END IF;
    SELECT coalesce(sum(a.amount_yen), 0) INTO paid FROM advance_payments a
    WHERE a.consortium_id = p.consortium_id AND a.project_id = p.id AND a.paid_on <= NEW.as_of;
    IF (NEW.granted_yen, NEW.prior_paid_yen, NEW.rate_numerator, NEW.rate_denominator,
        NEW.project_cap_yen, NEW.firm_cap_yen, NEW.person_cap_yen, NEW.rounding_unit_yen)
       IS DISTINCT FROM
       (granted, paid, f.rate_numerator, f.rate_denominator,
        f.project_cap_yen, f.firm_cap_yen, f.person_cap_yen, f.rounding_unit_yen) THEN
        RAISE EXCEPTION 'claim version % of adopted project % was computed with terms that differ from those in force on its as-of date',
            NEW.claim_version, p.code
            USING ERRCODE = 'check_violation', CONSTRAINT = 'claims_terms_match_project', TABLE = 'claims',
                  DETAIL = format('(granted, prior paid, rate, project/firm/person cap, unit): claim %s, in force %s',
                      ROW(NEW.granted_yen, NEW.prior_paid_yen, NEW.rate_numerator || '/' || NEW.rate_denominator,
                          NEW.project_cap_yen, NEW.firm_cap_yen, NEW.person_cap_yen, NEW.rounding_unit_yen),
                      ROW(granted, paid, f.rate_numerator || '/' || f.rate_denominator,
                          f.project_cap_yen, f.firm_cap_yen, f.person_cap_yen, f.rounding_unit_yen)),
                  HINT = 'recompute the claim from the decision and payments in force on its as-of date';
    END IF;
    SELECT coalesce(sum(amount_excl_tax_yen), 0) AS total, coalesce(sum(tax_yen), 0) AS tax INTO sums
    FROM expenses WHERE consortium_id = NEW.consortium_id AND project_id = NEW.project_id;
    IF (NEW.total_expenses_yen, NEW.tax_yen) IS DISTINCT FROM (sums.total, sums.tax) THEN
        RAISE EXCEPTION 'claim version % of adopted project % totals % yen (tax % yen) but its expense lines total % yen (tax % yen)',
            NEW.claim_version, p.code, NEW.total_expenses_yen, NEW.tax_yen, sums.total, sums.tax
            USING ERRCODE = 'check_violation', CONSTRAINT = 'claims_totals_match_expenses', TABLE = 'claims',
                  HINT = 'the expenses changed since the claim was computed; recompute it';
    END IF;
    RETURN NEW;
END $$;

-- Tenancy as on every table with a consortium_id (0006), except that the records are the
-- bureau's decisions, as granted_yen and prior_paid_yen were: an administrator or a bureau
-- (within the consortia it reads) adds them; nobody changes or deletes them (trigger).
DO $$
DECLARE
    t text;
    readable constant text := '(SELECT app_role()) = ''admin'' OR consortium_id = ANY ((SELECT app_readable_consortia())::bigint[])';
    writable constant text := '(SELECT app_role()) = ''admin'' OR ((SELECT app_role()) = ''bureau'' AND consortium_id = ANY ((SELECT app_readable_consortia())::bigint[]))';
BEGIN
    FOREACH t IN ARRAY ARRAY['grant_decisions', 'advance_payments'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        -- UPDATE and DELETE reach only the caller's rows, where the immutability trigger
        -- refuses them with its own message (rather than a missing privilege).
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO jinjibu_app', t);
        EXECUTE format('CREATE POLICY tenant_read ON %I FOR SELECT TO jinjibu_app USING (%s)', t, readable);
        EXECUTE format('CREATE POLICY tenant_insert ON %I FOR INSERT TO jinjibu_app WITH CHECK (%s)', t, writable);
        EXECUTE format('CREATE POLICY tenant_update ON %I FOR UPDATE TO jinjibu_app USING (%s) WITH CHECK (%s)', t, writable, writable);
        EXECUTE format('CREATE POLICY tenant_delete ON %I FOR DELETE TO jinjibu_app USING (%s)', t, writable);
    END LOOP;
END $$;
GRANT USAGE ON SEQUENCE grant_decisions_id_seq, advance_payments_id_seq TO jinjibu_app;
