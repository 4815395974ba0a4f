-- Schema v2: subsidy programmes and frames, adopted projects, KPI targets, expenses, versioned
-- claims and the export log.
--
-- Errors raised by triggers use SQLSTATE check_violation (23514) and carry a constraint name,
-- like a CHECK would, so Store can map them by name:
--   adopted_projects_status_transition, adopted_projects_granted_within_cap,
--   expenses_locked_by_approved_claim, claims_initial_status, claims_version_sequence,
--   claims_terms_match_project, claims_totals_match_expenses, claims_immutable,
--   claims_status_transition, claims_lines_match_totals, claim_lines_immutable.

-- Programmes and frames are reference data shared by every consortium (Citus reference
-- tables), so they carry no consortium_id.
CREATE TABLE programs (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    -- Nullable because `import frames` may name a programme by code only.
    name_ja     text CHECK (btrim(name_ja) <> '' AND length(name_ja) <= 200),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     integer NOT NULL DEFAULT 1
);

-- A frame (枠) of a programme in one fiscal year: its rate as an exact fraction, its caps and
-- its rounding unit. A cap left NULL is not set by the frame.
CREATE TABLE frames (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    program_id         bigint NOT NULL REFERENCES programs (id),
    fiscal_year        integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
    code               text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    name_ja            text CHECK (btrim(name_ja) <> '' AND length(name_ja) <= 200),
    rate_numerator     bigint NOT NULL,
    rate_denominator   bigint NOT NULL,
    project_cap_yen    bigint CHECK (project_cap_yen >= 0),
    firm_cap_yen       bigint CHECK (firm_cap_yen >= 0),
    person_cap_yen     bigint CHECK (person_cap_yen >= 0),
    rounding_unit_yen  bigint NOT NULL DEFAULT 1000 CHECK (rounding_unit_yen > 0),
    -- What the frame's guidelines say; the computation is tax-excluded in every case
    -- (DOMAIN.md), so this is informational.
    tax_excluded       boolean NOT NULL DEFAULT true,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    version            integer NOT NULL DEFAULT 1,
    CONSTRAINT frames_rate_valid CHECK (rate_numerator > 0 AND rate_numerator <= rate_denominator),
    UNIQUE (program_id, fiscal_year, code),
    -- Target of adopted_projects' (frame_id, fiscal_year) key, which keeps a project's year
    -- equal to its frame's.
    UNIQUE (id, fiscal_year)
);

-- The expense categories a frame pays for, each with an optional cap on its eligible amount.
-- A category without a row here is not covered (category_not_covered).
CREATE TABLE frame_categories (
    frame_id    bigint NOT NULL REFERENCES frames (id) ON DELETE CASCADE,
    category    text NOT NULL CHECK (category IN (
                    'personnel', 'honoraria', 'travel', 'venue', 'advertising', 'outsourcing',
                    'equipment', 'consumables', 'course_operation', 'other')),
    cap_yen     bigint CHECK (cap_yen >= 0),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     integer NOT NULL DEFAULT 1,
    PRIMARY KEY (frame_id, category)
);

-- An adopted project (採択事業). Its code is unique across consortia because the command line,
-- the export's file names and the bureau refer to projects by code alone. (Under Citus a
-- global UNIQUE without consortium_id is not allowed; the code would then move to a
-- reference table of project codes.)
CREATE TABLE adopted_projects (
    consortium_id    bigint NOT NULL REFERENCES consortia (id),
    id               bigint GENERATED ALWAYS AS IDENTITY,
    code             text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    frame_id         bigint NOT NULL,
    fiscal_year      integer NOT NULL,
    -- The number in the bureau's published list (採択一覧 No.), when known.
    no               integer CHECK (no > 0),
    project_name     text NOT NULL CHECK (btrim(project_name) <> '' AND length(project_name) <= 500),
    -- As published, e.g. 新潟県燕市 or several municipalities.
    region           text NOT NULL CHECK (btrim(region) <> '' AND length(region) <= 500),
    -- Required: the bureau's view is by prefecture. The import takes it from prefecture_code,
    -- the start of region, or the consortium.
    prefecture_code  smallint NOT NULL REFERENCES prefectures (code),
    -- 交付決定額; NULL until the grant is decided. Never above the frame's project cap
    -- (trigger adopted_projects_granted_within_cap).
    granted_yen      bigint CHECK (granted_yen >= 0),
    starts_on        date,
    ends_on          date,
    -- 概算払: paid in advance, deducted in the claim.
    prior_paid_yen   bigint NOT NULL DEFAULT 0 CHECK (prior_paid_yen >= 0),
    status           text NOT NULL DEFAULT 'adopted' CHECK (status IN (
                         'adopted', 'grant_decided', 'in_progress', 'reported', 'confirmed', 'paid', 'withdrawn')),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer NOT NULL DEFAULT 1,
    PRIMARY KEY (consortium_id, id),
    FOREIGN KEY (frame_id, fiscal_year) REFERENCES frames (id, fiscal_year),
    CONSTRAINT adopted_projects_period_order CHECK (ends_on >= starts_on),
    CONSTRAINT adopted_projects_period_in_fiscal_year CHECK (
        (starts_on IS NULL OR starts_on BETWEEN make_date(fiscal_year, 4, 1) AND make_date(fiscal_year + 1, 3, 31))
        AND (ends_on IS NULL OR ends_on BETWEEN make_date(fiscal_year, 4, 1) AND make_date(fiscal_year + 1, 3, 31))),
    -- An advance is part of the granted amount, never more.
    CONSTRAINT adopted_projects_prior_paid_within_granted CHECK (granted_yen IS NULL OR prior_paid_yen <= granted_yen)
);
CREATE INDEX adopted_projects_year_prefecture ON adopted_projects (fiscal_year, prefecture_code);
CREATE INDEX adopted_projects_frame ON adopted_projects (frame_id, fiscal_year);

-- adopted → grant_decided → in_progress → reported → confirmed → paid, one step at a time;
-- withdrawn from any state before paid; nothing leaves paid or withdrawn. Mirrors
-- ProjectStatus.canTransition. Any status is accepted on INSERT (a historical list may be
-- loaded as it stands).
CREATE FUNCTION adopted_projects_check_status() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    chain constant text[] := ARRAY['adopted', 'grant_decided', 'in_progress', 'reported', 'confirmed', 'paid'];
BEGIN
    IF NEW.status = OLD.status OR NOT (NEW.status = 'withdrawn' OR NEW.status = ANY (chain)) THEN
        RETURN NEW;  -- an unknown status is left to the CHECK to report
    END IF;
    IF OLD.status NOT IN ('paid', 'withdrawn')
       AND (NEW.status = 'withdrawn' OR array_position(chain, NEW.status) = array_position(chain, OLD.status) + 1) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'adopted project % cannot move from status % to status %', OLD.code, OLD.status, NEW.status
        USING ERRCODE = 'check_violation', CONSTRAINT = 'adopted_projects_status_transition',
              TABLE = 'adopted_projects', COLUMN = 'status',
              HINT = 'allowed: adopted → grant_decided → in_progress → reported → confirmed → paid, one step at a time, or withdrawn before paid';
END $$;

-- The granted amount may not exceed the frame's project cap (when the frame sets one).
CREATE FUNCTION adopted_projects_check_granted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    cap bigint;
    frame_code text;
BEGIN
    IF NEW.granted_yen IS NULL THEN
        RETURN NEW;
    END IF;
    SELECT project_cap_yen, code INTO cap, frame_code FROM frames WHERE id = NEW.frame_id;
    IF cap IS NOT NULL AND NEW.granted_yen > cap THEN
        RAISE EXCEPTION 'granted amount % yen of adopted project % exceeds the project cap of % yen of frame % (FY%)',
            NEW.granted_yen, NEW.code, cap, frame_code, NEW.fiscal_year
            USING ERRCODE = 'check_violation', CONSTRAINT = 'adopted_projects_granted_within_cap',
                  TABLE = 'adopted_projects', COLUMN = 'granted_yen';
    END IF;
    RETURN NEW;
END $$;

-- The same rule seen from the frame: its cap cannot be lowered below a granted amount.
CREATE FUNCTION frames_check_granted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    project_code text;
    granted bigint;
BEGIN
    IF NEW.project_cap_yen IS NULL THEN
        RETURN NEW;
    END IF;
    SELECT code, granted_yen INTO project_code, granted FROM adopted_projects
    WHERE frame_id = NEW.id AND granted_yen > NEW.project_cap_yen
    ORDER BY granted_yen DESC, code LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'project cap of frame % (FY%) cannot be % yen: adopted project % was granted % yen',
            NEW.code, NEW.fiscal_year, NEW.project_cap_yen, project_code, granted
            USING ERRCODE = 'check_violation', CONSTRAINT = 'adopted_projects_granted_within_cap',
                  TABLE = 'frames', COLUMN = 'project_cap_yen';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER adopted_projects_status BEFORE UPDATE OF status ON adopted_projects
    FOR EACH ROW EXECUTE FUNCTION adopted_projects_check_status();
CREATE TRIGGER adopted_projects_granted BEFORE INSERT OR UPDATE OF granted_yen, frame_id ON adopted_projects
    FOR EACH ROW EXECUTE FUNCTION adopted_projects_check_granted();
CREATE TRIGGER frames_granted BEFORE UPDATE OF project_cap_yen ON frames
    FOR EACH ROW EXECUTE FUNCTION frames_check_granted();

-- The applicants of a project, the lead (normally the secretariat) at position 1; joint
-- applications list the others after it, in the published order.
CREATE TABLE project_applicants (
    consortium_id    bigint NOT NULL,
    project_id       bigint NOT NULL,
    position         smallint NOT NULL CHECK (position >= 1),
    organization_id  bigint NOT NULL REFERENCES organizations (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer NOT NULL DEFAULT 1,
    PRIMARY KEY (consortium_id, project_id, position),
    UNIQUE (consortium_id, project_id, organization_id),
    FOREIGN KEY (consortium_id, project_id) REFERENCES adopted_projects (consortium_id, id) ON DELETE CASCADE
);
-- "Organisations adopted in more than one year" starts from the organisation.
CREATE INDEX project_applicants_organization ON project_applicants (organization_id);

-- A project's KPI targets (成果目標). Every figure is an exact fraction, never floating point:
--   unit 'count': target_numerator is the count, target_denominator is 1 (consultations 200);
--   unit 'ratio': the target is target_numerator / target_denominator of 1, e.g.
--                 retention ≥ 90% stored as 90/100 (maps to Domain's Ratio as it stands).
-- actual_manual_* hold an actual entered by hand for a metric the records cannot give, in the
-- same unit; their presence is what marks the actual as manual, actual_note says where it
-- came from.
CREATE TABLE kpi_targets (
    consortium_id              bigint NOT NULL,
    project_id                 bigint NOT NULL,
    -- Open vocabulary, since projects state their own: consultations, placements,
    -- placements_full_time, internships, training_participants, events, participants,
    -- retention_rate_12m, ...
    metric                     text NOT NULL CHECK (metric ~ '^[a-z][a-z0-9_]{0,63}$'),
    unit                       text NOT NULL DEFAULT 'count' CHECK (unit IN ('count', 'ratio')),
    target_numerator           bigint NOT NULL CHECK (target_numerator >= 0),
    target_denominator         bigint NOT NULL DEFAULT 1 CHECK (target_denominator > 0),
    actual_manual_numerator    bigint CHECK (actual_manual_numerator >= 0),
    actual_manual_denominator  bigint CHECK (actual_manual_denominator > 0),
    actual_note                text CHECK (btrim(actual_note) <> ''),
    created_at                 timestamptz NOT NULL DEFAULT now(),
    updated_at                 timestamptz NOT NULL DEFAULT now(),
    version                    integer NOT NULL DEFAULT 1,
    PRIMARY KEY (consortium_id, project_id, metric),
    FOREIGN KEY (consortium_id, project_id) REFERENCES adopted_projects (consortium_id, id) ON DELETE CASCADE,
    CONSTRAINT kpi_targets_count_is_whole CHECK (unit = 'ratio' OR target_denominator = 1),
    CONSTRAINT kpi_targets_manual_actual_complete CHECK (
        (actual_manual_numerator IS NULL) = (actual_manual_denominator IS NULL)),
    CONSTRAINT kpi_targets_manual_count_is_whole CHECK (
        unit = 'ratio' OR actual_manual_denominator IS NULL OR actual_manual_denominator = 1)
);

-- An expense line (経費) of a project. line_ref is the natural key that makes imports
-- idempotent: unique within the project, derived by the importer from the evidence reference,
-- or from a hash of the line when it has none.
-- Amounts are tax-excluded and never negative: a credit is handled by correcting or excluding
-- the original line before the claim is approved, not by a negative line.
CREATE TABLE expenses (
    consortium_id            bigint NOT NULL,
    id                       bigint GENERATED ALWAYS AS IDENTITY,
    project_id               bigint NOT NULL,
    line_ref                 text NOT NULL CHECK (btrim(line_ref) <> '' AND length(line_ref) <= 200),
    category                 text NOT NULL CHECK (category IN (
                                 'personnel', 'honoraria', 'travel', 'venue', 'advertising', 'outsourcing',
                                 'equipment', 'consumables', 'course_operation', 'other')),
    incurred_on              date NOT NULL,
    -- NULL while unpaid; may precede incurred_on (advance payment).
    paid_on                  date,
    payee                    text NOT NULL CHECK (btrim(payee) <> '' AND length(payee) <= 200),
    description              text,
    amount_excl_tax_yen      bigint NOT NULL CHECK (amount_excl_tax_yen >= 0),
    tax_yen                  bigint NOT NULL DEFAULT 0 CHECK (tax_yen >= 0),
    -- Blank is stored as NULL, so "no evidence" and "not excluded" have one spelling each.
    evidence_ref             text CHECK (btrim(evidence_ref) <> ''),
    -- The firm and (pseudonymous) person the expense was for, needed by per-firm and
    -- per-person caps.
    firm_id                  bigint REFERENCES organizations (id),
    person_ref               text CHECK (btrim(person_ref) <> '' AND length(person_ref) <= 100),
    -- The code of the event the expense served; the foreign key to events is added by 0003.
    event_ref                text CHECK (event_ref ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    excluded_reason          text CHECK (btrim(excluded_reason) <> ''),
    -- Set (both) on a line added after the project's latest claim was approved: the claim
    -- version it is added for and why (trigger expenses_locked_by_approved_claim).
    added_for_claim_version  integer CHECK (added_for_claim_version >= 2),
    added_reason             text CHECK (btrim(added_reason) <> ''),
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    version                  integer NOT NULL DEFAULT 1,
    PRIMARY KEY (consortium_id, id),
    UNIQUE (consortium_id, project_id, line_ref),
    FOREIGN KEY (consortium_id, project_id) REFERENCES adopted_projects (consortium_id, id),
    CONSTRAINT expenses_added_for_claim_complete CHECK ((added_for_claim_version IS NULL) = (added_reason IS NULL))
);
CREATE INDEX expenses_project_category ON expenses (consortium_id, project_id, category);

-- A claim (請求) version: an immutable snapshot of the computation as of a date. The frame's
-- and project's terms as applied are copied so the snapshot stands alone. claim_version is
-- the version of the claim (1, 2, ...); version is the row's optimistic-locking counter as on
-- every other table.
CREATE TABLE claims (
    consortium_id                  bigint NOT NULL,
    id                             bigint GENERATED ALWAYS AS IDENTITY,
    project_id                     bigint NOT NULL,
    claim_version                  integer NOT NULL CHECK (claim_version >= 1),
    -- `claim submit` inserts 'submitted'; a draft may be inserted too. Nothing else on INSERT.
    status                         text NOT NULL DEFAULT 'submitted' CHECK (status IN (
                                       'draft', 'submitted', 'returned', 'approved', 'paid')),
    as_of                          date NOT NULL,
    total_expenses_yen             bigint NOT NULL CHECK (total_expenses_yen >= 0),
    eligible_expenses_yen          bigint NOT NULL CHECK (eligible_expenses_yen >= 0),
    ineligible_expenses_yen        bigint NOT NULL CHECK (ineligible_expenses_yen >= 0),
    tax_yen                        bigint NOT NULL CHECK (tax_yen >= 0),
    raw_subsidy_yen                bigint NOT NULL CHECK (raw_subsidy_yen >= 0),
    subsidy_after_project_cap_yen  bigint NOT NULL,
    subsidy_after_granted_yen      bigint NOT NULL,
    subsidy_yen                    bigint NOT NULL CHECK (subsidy_yen >= 0),
    prior_paid_yen                 bigint NOT NULL CHECK (prior_paid_yen >= 0),
    claim_yen                      bigint NOT NULL CHECK (claim_yen >= 0),
    refund_yen                     bigint NOT NULL CHECK (refund_yen >= 0),
    granted_yen                    bigint CHECK (granted_yen >= 0),
    binding_limit                  text NOT NULL CHECK (binding_limit IN (
                                       'rate', 'person_cap', 'firm_cap', 'project_cap', 'granted')),
    rate_numerator                 bigint NOT NULL,
    rate_denominator               bigint NOT NULL,
    project_cap_yen                bigint CHECK (project_cap_yen >= 0),
    firm_cap_yen                   bigint CHECK (firm_cap_yen >= 0),
    person_cap_yen                 bigint CHECK (person_cap_yen >= 0),
    rounding_unit_yen              bigint NOT NULL CHECK (rounding_unit_yen > 0),
    -- Why this version exists; required from version 2 on.
    reason                         text CHECK (btrim(reason) <> ''),
    -- The full ClaimComputation document, every line's outcome included.
    computation                    jsonb NOT NULL CHECK (jsonb_typeof(computation) = 'object'),
    kpi_actuals                    jsonb,
    activity_summary               jsonb,
    created_by                     text NOT NULL CHECK (btrim(created_by) <> ''),
    created_at                     timestamptz NOT NULL DEFAULT now(),
    status_changed_at              timestamptz NOT NULL DEFAULT now(),
    -- Filled from created_by on INSERT and from jinjibu.actor on a status change when not given.
    status_changed_by              text NOT NULL CHECK (btrim(status_changed_by) <> ''),
    updated_at                     timestamptz NOT NULL DEFAULT now(),
    version                        integer NOT NULL DEFAULT 1,
    PRIMARY KEY (consortium_id, id),
    UNIQUE (consortium_id, project_id, claim_version),
    FOREIGN KEY (consortium_id, project_id) REFERENCES adopted_projects (consortium_id, id),
    CONSTRAINT claims_reason_required CHECK (claim_version = 1 OR reason IS NOT NULL),
    CONSTRAINT claims_rate_valid CHECK (rate_numerator > 0 AND rate_numerator <= rate_denominator),
    CONSTRAINT claims_expenses_add_up CHECK (eligible_expenses_yen + ineligible_expenses_yen = total_expenses_yen),
    -- Steps 3–5 of the computation that SQL can state, so that a subsidy above the project cap
    -- or the granted amount, or a claim that does not follow from it, cannot be stored.
    CONSTRAINT claims_raw_within_eligible CHECK (raw_subsidy_yen <= eligible_expenses_yen),
    CONSTRAINT claims_project_cap_applied CHECK (
        subsidy_after_project_cap_yen = LEAST(raw_subsidy_yen, coalesce(project_cap_yen, raw_subsidy_yen))),
    CONSTRAINT claims_granted_applied CHECK (
        subsidy_after_granted_yen = LEAST(subsidy_after_project_cap_yen, coalesce(granted_yen, subsidy_after_project_cap_yen))),
    CONSTRAINT claims_subsidy_rounded CHECK (
        subsidy_yen = GREATEST(subsidy_after_granted_yen, 0) - GREATEST(subsidy_after_granted_yen, 0) % rounding_unit_yen),
    CONSTRAINT claims_claim_or_refund CHECK (
        claim_yen - refund_yen = subsidy_yen - prior_paid_yen AND (claim_yen = 0 OR refund_yen = 0))
);

-- The claim's lines by category and reason: reason 'eligible' holds the category's eligible
-- amount, any other reason that reason's ineligible amount (a line split by a category cap
-- contributes to both). Together they add up to the claim's eligible and ineligible totals
-- (deferred trigger claims_lines_match_totals).
CREATE TABLE claim_lines (
    consortium_id  bigint NOT NULL,
    claim_id       bigint NOT NULL,
    category       text NOT NULL CHECK (category IN (
                       'personnel', 'honoraria', 'travel', 'venue', 'advertising', 'outsourcing',
                       'equipment', 'consumables', 'course_operation', 'other')),
    reason         text NOT NULL CHECK (reason IN (
                       'eligible', 'excluded', 'category_not_covered', 'outside_period', 'unpaid',
                       'no_evidence', 'over_category_cap')),
    amount_yen     bigint NOT NULL CHECK (amount_yen >= 0),
    line_count     integer NOT NULL CHECK (line_count >= 0),
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consortium_id, claim_id, category, reason),
    FOREIGN KEY (consortium_id, claim_id) REFERENCES claims (consortium_id, id)
);

-- The project row is the lock that orders expense writes against claim approval: expense
-- writes take it FOR KEY SHARE before reading the latest claim, approval takes it FOR UPDATE.
-- Returns the latest claim's version and status (NULLs when there is none) and the project's
-- code (NULL when the project does not exist; the foreign key then reports it).
CREATE FUNCTION latest_claim_of(consortium bigint, project bigint,
                                OUT project_code text, OUT claim_version integer, OUT status text)
LANGUAGE plpgsql AS $$
BEGIN
    SELECT p.code INTO project_code FROM adopted_projects p
    WHERE p.consortium_id = consortium AND p.id = project FOR KEY SHARE;
    SELECT c.claim_version, c.status INTO claim_version, status FROM claims c
    WHERE c.consortium_id = consortium AND c.project_id = project
    ORDER BY c.claim_version DESC LIMIT 1;
END $$;

-- Once a project's latest claim is approved or paid, its expense lines are frozen: UPDATE and
-- DELETE are refused, and a new line is accepted only with added_reason and
-- added_for_claim_version = that claim's version + 1 (it belongs to the next claim version).
-- A row that already exists (same line_ref) passes the INSERT check, so re-importing the same
-- file stays idempotent: INSERT … ON CONFLICT fires this trigger before finding the conflict,
-- and only an actual change then fails the UPDATE check.
CREATE FUNCTION expenses_check_claim_lock() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    latest record;
BEGIN
    -- An update that changes nothing (an import's upsert of the same line) is no change.
    IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'updated_at' - 'version') = (to_jsonb(OLD) - 'updated_at' - 'version') THEN
        RETURN NEW;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        latest := latest_claim_of(OLD.consortium_id, OLD.project_id);
        IF latest.status IN ('approved', 'paid') THEN
            RAISE EXCEPTION 'expense % of adopted project % cannot be changed or deleted: claim version % is %',
                OLD.line_ref, latest.project_code, latest.claim_version, latest.status
                USING ERRCODE = 'check_violation', CONSTRAINT = 'expenses_locked_by_approved_claim', TABLE = 'expenses',
                      HINT = format('add a new line with added_for_claim_version %s and added_reason', latest.claim_version + 1);
        END IF;
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        IF (NEW.consortium_id, NEW.project_id) IS NOT DISTINCT FROM (OLD.consortium_id, OLD.project_id) THEN
            RETURN NEW;
        END IF;
    END IF;
    latest := latest_claim_of(NEW.consortium_id, NEW.project_id);
    IF latest.status IN ('approved', 'paid') THEN
        IF TG_OP = 'INSERT' AND EXISTS (
            SELECT 1 FROM expenses e
            WHERE e.consortium_id = NEW.consortium_id AND e.project_id = NEW.project_id AND e.line_ref = NEW.line_ref) THEN
            RETURN NEW;
        END IF;
        IF TG_OP = 'UPDATE' THEN
            RAISE EXCEPTION 'expense % cannot be moved to adopted project %: claim version % is %',
                NEW.line_ref, latest.project_code, latest.claim_version, latest.status
                USING ERRCODE = 'check_violation', CONSTRAINT = 'expenses_locked_by_approved_claim', TABLE = 'expenses';
        END IF;
        IF NEW.added_reason IS NULL
           OR NEW.added_for_claim_version IS DISTINCT FROM latest.claim_version + 1 THEN
            RAISE EXCEPTION 'expense % cannot be added to adopted project % without a stated reason: claim version % is %',
                NEW.line_ref, latest.project_code, latest.claim_version, latest.status
                USING ERRCODE = 'check_violation', CONSTRAINT = 'expenses_locked_by_approved_claim', TABLE = 'expenses',
                      HINT = format('set added_reason and added_for_claim_version %s', latest.claim_version + 1);
        END IF;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER expenses_claim_lock BEFORE INSERT OR UPDATE OR DELETE ON expenses
    FOR EACH ROW EXECUTE FUNCTION expenses_check_claim_lock();

-- A new claim version: inserted as draft or submitted, numbered next after the project's
-- latest, carrying the terms the project and its frame have now and the totals of the
-- project's expense lines now, so that the snapshot is of the data as it stands.
CREATE FUNCTION claims_check_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    latest record;
    p record;
    f record;
    sums record;
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
    IF (NEW.granted_yen, NEW.prior_paid_yen, NEW.rate_numerator, NEW.rate_denominator,
        NEW.project_cap_yen, NEW.firm_cap_yen, NEW.person_cap_yen, NEW.rounding_unit_yen)
       IS DISTINCT FROM
       (p.granted_yen, p.prior_paid_yen, f.rate_numerator, f.rate_denominator,
        f.project_cap_yen, f.firm_cap_yen, f.person_cap_yen, f.rounding_unit_yen) THEN
        RAISE EXCEPTION 'claim version % of adopted project % was computed with terms that differ from the project''s and frame %''s current ones',
            NEW.claim_version, p.code, f.code
            USING ERRCODE = 'check_violation', CONSTRAINT = 'claims_terms_match_project', TABLE = 'claims',
                  DETAIL = format('(granted, prior paid, rate, project/firm/person cap, unit): claim %s, current %s',
                      ROW(NEW.granted_yen, NEW.prior_paid_yen, NEW.rate_numerator || '/' || NEW.rate_denominator,
                          NEW.project_cap_yen, NEW.firm_cap_yen, NEW.person_cap_yen, NEW.rounding_unit_yen),
                      ROW(p.granted_yen, p.prior_paid_yen, f.rate_numerator || '/' || f.rate_denominator,
                          f.project_cap_yen, f.firm_cap_yen, f.person_cap_yen, f.rounding_unit_yen)),
                  HINT = 'recompute the claim from the current project and frame';
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

-- A stored claim never changes: only its status moves (draft → submitted, submitted →
-- returned or approved, approved → paid; mirrors ClaimStatus.canTransition), with
-- status_changed_at/by. Only the project's latest version can be approved. DELETE is refused.
CREATE FUNCTION claims_check_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    mutable constant text[] := ARRAY['status', 'status_changed_at', 'status_changed_by', 'updated_at', 'version'];
    latest record;
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'claim version % (id %) cannot be deleted: claims are kept as submitted', OLD.claim_version, OLD.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'claims_immutable', TABLE = 'claims';
    END IF;
    IF (to_jsonb(NEW) - mutable) <> (to_jsonb(OLD) - mutable)
       OR (NEW.status = OLD.status AND (NEW.status_changed_at, NEW.status_changed_by)
                                       IS DISTINCT FROM (OLD.status_changed_at, OLD.status_changed_by)) THEN
        RAISE EXCEPTION 'claim version % (id %) cannot be changed: only its status may move; a correction is a new version',
            OLD.claim_version, OLD.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'claims_immutable', TABLE = 'claims';
    END IF;
    IF NEW.status = OLD.status OR NEW.status NOT IN ('draft', 'submitted', 'returned', 'approved', 'paid') THEN
        RETURN NEW;  -- an unknown status is left to the CHECK to report
    END IF;
    IF (OLD.status, NEW.status) NOT IN (('draft', 'submitted'), ('submitted', 'returned'),
                                        ('submitted', 'approved'), ('approved', 'paid')) THEN
        RAISE EXCEPTION 'claim version % (id %) cannot move from status % to status %',
            OLD.claim_version, OLD.id, OLD.status, NEW.status
            USING ERRCODE = 'check_violation', CONSTRAINT = 'claims_status_transition', TABLE = 'claims', COLUMN = 'status',
                  HINT = 'allowed: draft → submitted, submitted → returned or approved, approved → paid';
    END IF;
    IF NEW.status = 'approved' THEN
        -- Waits for expense writes in flight on this project, and holds new ones until commit.
        PERFORM 1 FROM adopted_projects WHERE consortium_id = NEW.consortium_id AND id = NEW.project_id FOR UPDATE;
        latest := latest_claim_of(NEW.consortium_id, NEW.project_id);
        IF latest.claim_version <> OLD.claim_version THEN
            RAISE EXCEPTION 'claim version % of adopted project % cannot be approved: version % supersedes it',
                OLD.claim_version, latest.project_code, latest.claim_version
                USING ERRCODE = 'check_violation', CONSTRAINT = 'claims_status_transition', TABLE = 'claims', COLUMN = 'status';
        END IF;
    END IF;
    IF NEW.status_changed_at IS NOT DISTINCT FROM OLD.status_changed_at THEN
        NEW.status_changed_at := now();
    END IF;
    IF NEW.status_changed_by IS NOT DISTINCT FROM OLD.status_changed_by THEN
        NEW.status_changed_by := coalesce(nullif(current_setting('jinjibu.actor', true), ''), session_user);
    END IF;
    RETURN NEW;
END $$;

CREATE FUNCTION claim_lines_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'claim lines cannot be changed or deleted: a claim is a snapshot'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'claim_lines_immutable', TABLE = 'claim_lines';
END $$;

-- Checked at commit, after the claim and its lines are all inserted (one transaction).
CREATE FUNCTION claims_check_lines() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    claim bigint;
    c record;
    eligible bigint;
    ineligible bigint;
BEGIN
    IF TG_TABLE_NAME = 'claims' THEN
        claim := NEW.id;
    ELSE
        claim := NEW.claim_id;
    END IF;
    SELECT * INTO c FROM claims WHERE consortium_id = NEW.consortium_id AND id = claim;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    SELECT coalesce(sum(amount_yen) FILTER (WHERE reason = 'eligible'), 0),
           coalesce(sum(amount_yen) FILTER (WHERE reason <> 'eligible'), 0)
    INTO eligible, ineligible
    FROM claim_lines WHERE consortium_id = c.consortium_id AND claim_id = c.id;
    IF eligible <> c.eligible_expenses_yen OR ineligible <> c.ineligible_expenses_yen THEN
        RAISE EXCEPTION 'claim version % (id %) has eligible % yen and ineligible % yen but its lines add up to % yen and % yen',
            c.claim_version, c.id, c.eligible_expenses_yen, c.ineligible_expenses_yen, eligible, ineligible
            USING ERRCODE = 'check_violation', CONSTRAINT = 'claims_lines_match_totals', TABLE = 'claims';
    END IF;
    RETURN NULL;
END $$;

-- TRUNCATE would bypass the row triggers.
CREATE FUNCTION claims_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% cannot be truncated: claims are kept as submitted', TG_TABLE_NAME
        USING ERRCODE = 'check_violation', CONSTRAINT = 'claims_immutable';
END $$;

CREATE TRIGGER claims_insert BEFORE INSERT ON claims FOR EACH ROW EXECUTE FUNCTION claims_check_insert();
CREATE TRIGGER claims_immutable BEFORE UPDATE OR DELETE ON claims FOR EACH ROW EXECUTE FUNCTION claims_check_update();
CREATE TRIGGER claims_no_truncate BEFORE TRUNCATE ON claims FOR EACH STATEMENT EXECUTE FUNCTION claims_no_truncate();
CREATE TRIGGER claim_lines_immutable BEFORE UPDATE OR DELETE ON claim_lines FOR EACH ROW EXECUTE FUNCTION claim_lines_are_immutable();
CREATE TRIGGER claim_lines_no_truncate BEFORE TRUNCATE ON claim_lines FOR EACH STATEMENT EXECUTE FUNCTION claims_no_truncate();
CREATE CONSTRAINT TRIGGER claims_lines_match_totals AFTER INSERT ON claims
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION claims_check_lines();
CREATE CONSTRAINT TRIGGER claim_lines_match_totals AFTER INSERT ON claim_lines
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION claims_check_lines();

-- One batch claim export run (`export claims`). It spans consortia, so it is not
-- consortium-scoped. files maps each file name written to its SHA-256 (hex).
CREATE TABLE export_runs (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    fiscal_year        integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
    bureau             text REFERENCES bureaus (code),
    format             text NOT NULL CHECK (format IN ('csv', 'json')),
    encoding           text NOT NULL DEFAULT 'utf8' CHECK (encoding IN ('utf8', 'cp932')),
    headers            text NOT NULL DEFAULT 'ja' CHECK (headers IN ('ja', 'en')),
    out_dir            text NOT NULL CHECK (btrim(out_dir) <> ''),
    as_of              date NOT NULL,
    actor              text NOT NULL CHECK (btrim(actor) <> ''),
    started_at         timestamptz NOT NULL DEFAULT now(),
    finished_at        timestamptz,
    status             text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed')),
    row_count          integer CHECK (row_count >= 0),
    files              jsonb CHECK (jsonb_typeof(files) = 'object'),
    -- Cells with characters the encoding (cp932) cannot hold, replaced or left out.
    substituted_cells  integer CHECK (substituted_cells >= 0),
    error              text,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    version            integer NOT NULL DEFAULT 1,
    CONSTRAINT export_runs_finished CHECK ((status = 'running') = (finished_at IS NULL) AND finished_at >= started_at),
    CONSTRAINT export_runs_succeeded_complete CHECK (
        status <> 'succeeded' OR (row_count IS NOT NULL AND files IS NOT NULL AND substituted_cells IS NOT NULL))
);
CREATE INDEX export_runs_year ON export_runs (fiscal_year, started_at);

CREATE TRIGGER programs_touch BEFORE UPDATE ON programs FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER frames_touch BEFORE UPDATE ON frames FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER frame_categories_touch BEFORE UPDATE ON frame_categories FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER adopted_projects_touch BEFORE UPDATE ON adopted_projects FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER project_applicants_touch BEFORE UPDATE ON project_applicants FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER kpi_targets_touch BEFORE UPDATE ON kpi_targets FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER expenses_touch BEFORE UPDATE ON expenses FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER claims_touch BEFORE UPDATE ON claims FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER export_runs_touch BEFORE UPDATE ON export_runs FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER programs_audit AFTER INSERT OR UPDATE OR DELETE ON programs FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER frames_audit AFTER INSERT OR UPDATE OR DELETE ON frames FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER frame_categories_audit AFTER INSERT OR UPDATE OR DELETE ON frame_categories FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER adopted_projects_audit AFTER INSERT OR UPDATE OR DELETE ON adopted_projects FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER project_applicants_audit AFTER INSERT OR UPDATE OR DELETE ON project_applicants FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER kpi_targets_audit AFTER INSERT OR UPDATE OR DELETE ON kpi_targets FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER expenses_audit AFTER INSERT OR UPDATE OR DELETE ON expenses FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER claims_audit AFTER INSERT OR UPDATE OR DELETE ON claims FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER claim_lines_audit AFTER INSERT OR UPDATE OR DELETE ON claim_lines FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER export_runs_audit AFTER INSERT OR UPDATE OR DELETE ON export_runs FOR EACH ROW EXECUTE FUNCTION audit_row();
