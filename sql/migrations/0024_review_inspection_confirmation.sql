-- Review, inspection, confirmation and settlement of a claim (issue 15; DOMAIN.md "The grant
-- lifecycle", steps 4 to 7).
--
-- claim_reviews: the reviewing party's act on a claim version: a return (差戻し) with its
--   written reason, or an approval, with who and when; one per version. A claim version moves
--   to returned or approved only with its review row (trigger claims_reviewed).
-- claims.answers_version: the returned version a new version answers; its reason (訂正内容)
--   says what it changed.
-- inspections (確定検査) of the approved version: date, inspector (the office and post, not a
--   person's name), findings, and per-line results; an excluded line is excluded from the
--   confirmation with the inspection as its reason.
-- confirmations (額の確定): the confirmed subsidy, never above the version's, with reasons by
--   expense category when below it.
-- settlements: 精算払 (the rest paid: date and amount) or 返還 (a refund due: amount, due date,
--   and the date received once it is); the amount is the confirmed subsidy against the
--   advance payments.
-- Each is added once and kept; only a refund's received date is filled in later.

ALTER TABLE claims ADD COLUMN answers_version integer CHECK (answers_version >= 1);
ALTER TABLE claims ADD CONSTRAINT claims_answers_earlier CHECK (answers_version < claim_version);

CREATE TABLE claim_reviews (
    consortium_id  bigint NOT NULL,
    id             bigint GENERATED ALWAYS AS IDENTITY,
    claim_id       bigint NOT NULL,
    decision       text NOT NULL CHECK (decision IN ('returned', 'approved')),
    -- ClaimReview.reasonLimit; required for a return.
    reason         text CHECK (btrim(reason) <> '' AND length(reason) <= 2000),
    decided_by     text NOT NULL CHECK (btrim(decided_by) <> ''),
    decided_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consortium_id, id),
    UNIQUE (consortium_id, claim_id),
    FOREIGN KEY (consortium_id, claim_id) REFERENCES claims (consortium_id, id),
    CONSTRAINT claim_reviews_return_has_reason CHECK (decision <> 'returned' OR reason IS NOT NULL)
);

CREATE TABLE inspections (
    consortium_id  bigint NOT NULL,
    id             bigint GENERATED ALWAYS AS IDENTITY,
    project_id     bigint NOT NULL,
    claim_id       bigint NOT NULL,
    inspected_on   date NOT NULL,
    -- Inspection.inspectorLimit: the office and post (関東経済産業局 地域経済課), never a name.
    inspector      text NOT NULL CHECK (btrim(inspector) <> '' AND length(inspector) <= 200),
    -- Inspection.findingsLimit.
    findings       text CHECK (btrim(findings) <> '' AND length(findings) <= 4000),
    created_by     text NOT NULL CHECK (btrim(created_by) <> ''),
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consortium_id, id),
    UNIQUE (consortium_id, project_id),
    FOREIGN KEY (consortium_id, project_id) REFERENCES adopted_projects (consortium_id, id),
    FOREIGN KEY (consortium_id, claim_id) REFERENCES claims (consortium_id, id)
);

CREATE TABLE inspection_lines (
    consortium_id  bigint NOT NULL,
    inspection_id  bigint NOT NULL,
    line_ref       text NOT NULL CHECK (btrim(line_ref) <> '' AND length(line_ref) <= 200),
    result         text NOT NULL CHECK (result IN ('accepted', 'excluded')),
    note           text CHECK (btrim(note) <> '' AND length(note) <= 1000),
    PRIMARY KEY (consortium_id, inspection_id, line_ref),
    FOREIGN KEY (consortium_id, inspection_id) REFERENCES inspections (consortium_id, id),
    CONSTRAINT inspection_lines_exclusion_has_note CHECK (result <> 'excluded' OR note IS NOT NULL)
);

-- Reasons by category: ExpenseCategory codes to non-blank text of at most 1000 characters.
CREATE FUNCTION confirmation_reasons_are_valid(reasons jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT jsonb_typeof(reasons) = 'object' AND NOT EXISTS (
        SELECT 1 FROM jsonb_each(reasons) AS r(category, reason)
        WHERE r.category NOT IN ('personnel', 'honoraria', 'travel', 'venue', 'advertising', 'outsourcing',
                                 'equipment', 'consumables', 'course_operation', 'other')
           OR jsonb_typeof(r.reason) <> 'string' OR btrim(r.reason #>> '{}') = '' OR length(r.reason #>> '{}') > 1000)
$$;

CREATE TABLE confirmations (
    consortium_id  bigint NOT NULL,
    id             bigint GENERATED ALWAYS AS IDENTITY,
    project_id     bigint NOT NULL,
    claim_id       bigint NOT NULL,
    confirmed_on   date NOT NULL,
    -- The subsidy of the version confirmed, and the confirmed amount (never above it).
    claimed_yen    bigint NOT NULL CHECK (claimed_yen BETWEEN 0 AND 1000000000000000),
    confirmed_yen  bigint NOT NULL CHECK (confirmed_yen BETWEEN 0 AND 1000000000000000),
    -- {"outsourcing": "確定検査で対象外とした委託費", …}; required when below the claim.
    reasons        jsonb NOT NULL DEFAULT '{}' CHECK (confirmation_reasons_are_valid(reasons)),
    created_by     text NOT NULL CHECK (btrim(created_by) <> ''),
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consortium_id, id),
    UNIQUE (consortium_id, project_id),
    FOREIGN KEY (consortium_id, project_id) REFERENCES adopted_projects (consortium_id, id),
    FOREIGN KEY (consortium_id, claim_id) REFERENCES claims (consortium_id, id),
    CONSTRAINT confirmations_within_claim CHECK (confirmed_yen <= claimed_yen),
    CONSTRAINT confirmations_reasons_when_below CHECK (confirmed_yen = claimed_yen OR reasons <> '{}')
);

CREATE TABLE settlements (
    consortium_id    bigint NOT NULL,
    id               bigint GENERATED ALWAYS AS IDENTITY,
    project_id       bigint NOT NULL,
    confirmation_id  bigint NOT NULL,
    kind             text NOT NULL CHECK (kind IN ('payment', 'refund')),
    amount_yen       bigint NOT NULL CHECK (amount_yen BETWEEN 0 AND 1000000000000000),
    paid_on          date,
    due_on           date,
    received_on      date,
    created_by       text NOT NULL CHECK (btrim(created_by) <> ''),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer NOT NULL DEFAULT 1,
    PRIMARY KEY (consortium_id, id),
    UNIQUE (consortium_id, project_id),
    FOREIGN KEY (consortium_id, project_id) REFERENCES adopted_projects (consortium_id, id),
    FOREIGN KEY (consortium_id, confirmation_id) REFERENCES confirmations (consortium_id, id),
    CONSTRAINT settlements_dates CHECK (
        (kind = 'payment' AND paid_on IS NOT NULL AND due_on IS NULL AND received_on IS NULL)
        OR (kind = 'refund' AND paid_on IS NULL AND due_on IS NOT NULL AND amount_yen > 0))
);

-- A version moves to returned or approved only with the review that says so.
CREATE FUNCTION claims_check_reviewed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status IS DISTINCT FROM OLD.status AND NEW.status IN ('returned', 'approved')
       AND NOT EXISTS (SELECT 1 FROM claim_reviews r
                       WHERE r.consortium_id = NEW.consortium_id AND r.claim_id = NEW.id AND r.decision = NEW.status) THEN
        RAISE EXCEPTION 'claim version % (id %) cannot be % without its review', NEW.claim_version, NEW.id, NEW.status
            USING ERRCODE = 'check_violation', CONSTRAINT = 'claims_reviewed', TABLE = 'claims', COLUMN = 'status',
                  HINT = 'a return needs its reason (差戻し理由)';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER claims_reviewed BEFORE UPDATE OF status ON claims FOR EACH ROW EXECUTE FUNCTION claims_check_reviewed();

-- Kept as recorded; a refund's received date is filled in once.
CREATE FUNCTION settlements_check_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR OLD.received_on IS NOT NULL
       OR (to_jsonb(NEW) - 'received_on' - 'updated_at' - 'version') <> (to_jsonb(OLD) - 'received_on' - 'updated_at' - 'version') THEN
        RAISE EXCEPTION 'a settlement is kept as recorded; only a refund''s received date is filled in, once'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'settlements_immutable', TABLE = 'settlements';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

CREATE TRIGGER claim_reviews_immutable BEFORE UPDATE OR DELETE ON claim_reviews
    FOR EACH ROW EXECUTE FUNCTION grant_records_are_immutable();
CREATE TRIGGER inspections_immutable BEFORE UPDATE OR DELETE ON inspections
    FOR EACH ROW EXECUTE FUNCTION grant_records_are_immutable();
CREATE TRIGGER inspection_lines_immutable BEFORE UPDATE OR DELETE ON inspection_lines
    FOR EACH ROW EXECUTE FUNCTION grant_records_are_immutable();
CREATE TRIGGER confirmations_immutable BEFORE UPDATE OR DELETE ON confirmations
    FOR EACH ROW EXECUTE FUNCTION grant_records_are_immutable();
CREATE TRIGGER settlements_immutable BEFORE UPDATE OR DELETE ON settlements
    FOR EACH ROW EXECUTE FUNCTION settlements_check_update();
CREATE TRIGGER settlements_touch BEFORE UPDATE ON settlements FOR EACH ROW EXECUTE FUNCTION touch_row();

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['claim_reviews', 'inspections', 'inspection_lines', 'confirmations', 'settlements'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION audit_row()', t || '_audit', t);
    END LOOP;
END $$;

-- Tenancy as for grant decisions (0022): read in the caller's scope; added by an administrator
-- or the reviewing bureau within the consortia it reads.
DO $$
DECLARE
    t text;
    readable constant text := '(SELECT app_role()) = ''admin'' OR consortium_id = ANY ((SELECT app_readable_consortia())::bigint[])';
    writable constant text := '(SELECT app_role()) = ''admin'' OR ((SELECT app_role()) = ''bureau'' AND consortium_id = ANY ((SELECT app_readable_consortia())::bigint[]))';
BEGIN
    FOREACH t IN ARRAY ARRAY['claim_reviews', 'inspections', 'inspection_lines', 'confirmations', 'settlements'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO jinjibu_app', t);
        EXECUTE format('CREATE POLICY tenant_read ON %I FOR SELECT TO jinjibu_app USING (%s)', t, readable);
        EXECUTE format('CREATE POLICY tenant_insert ON %I FOR INSERT TO jinjibu_app WITH CHECK (%s)', t, writable);
        EXECUTE format('CREATE POLICY tenant_update ON %I FOR UPDATE TO jinjibu_app USING (%s) WITH CHECK (%s)', t, writable, writable);
        EXECUTE format('CREATE POLICY tenant_delete ON %I FOR DELETE TO jinjibu_app USING (%s)', t, writable);
    END LOOP;
END $$;
GRANT USAGE ON SEQUENCE claim_reviews_id_seq, inspections_id_seq, confirmations_id_seq, settlements_id_seq TO jinjibu_app;
