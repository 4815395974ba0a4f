-- Multi-year plans and the consortium's own finances (issue 17; DOMAIN.md "Multi-year plans
-- and the hub's own finances").
--
-- A plan spans several fiscal years; each KPI has a baseline, an increment per plan year and
-- optionally the cumulative increment the plan states (which must equal the increments' sum,
-- checked by the importer and the API before writing). The yearly review (verification by
-- 31 July, publication by the end of August) is recorded per plan year and step.
-- Own income is recorded by source; costs outside the subsidy projects are recorded apart
-- (the projects' costs are their expense lines); a placement may carry the fee the
-- recruiting firm paid for it.
--
-- No table here has a personal-name column: income and costs name no payer, only a reference
-- (receipt or voucher number) and a description.

CREATE TABLE plans (
    consortium_id   bigint NOT NULL REFERENCES consortia (id),
    id              bigint GENERATED ALWAYS AS IDENTITY,
    code            text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
    title           text NOT NULL CHECK (btrim(title) <> '' AND length(title) <= 200),
    first_year      integer NOT NULL CHECK (first_year BETWEEN 1989 AND 9998),
    last_year       integer NOT NULL CHECK (last_year BETWEEN 1989 AND 9998),
    total_cost_yen  bigint CHECK (total_cost_yen BETWEEN 0 AND 1000000000000000),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    version         integer NOT NULL DEFAULT 1,
    PRIMARY KEY (consortium_id, id),
    -- MultiYearPlan.maximumYears.
    CONSTRAINT plans_period CHECK (first_year <= last_year AND last_year - first_year < 10)
);

CREATE TABLE plan_kpis (
    consortium_id      bigint NOT NULL,
    plan_id            bigint NOT NULL,
    metric             text NOT NULL CHECK (metric ~ '^[a-z][a-z0-9_]{0,63}$'),
    -- PlanKPI.figureLimit.
    baseline           bigint NOT NULL CHECK (abs(baseline) <= 1000000000),
    cumulative_target  bigint CHECK (abs(cumulative_target) <= 1000000000),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    version            integer NOT NULL DEFAULT 1,
    PRIMARY KEY (consortium_id, plan_id, metric),
    FOREIGN KEY (consortium_id, plan_id) REFERENCES plans (consortium_id, id) ON DELETE CASCADE
);

CREATE TABLE plan_kpi_increments (
    consortium_id  bigint NOT NULL,
    plan_id        bigint NOT NULL,
    metric         text NOT NULL,
    fiscal_year    integer NOT NULL,
    increment      bigint NOT NULL CHECK (abs(increment) <= 1000000000),
    PRIMARY KEY (consortium_id, plan_id, metric, fiscal_year),
    FOREIGN KEY (consortium_id, plan_id, metric) REFERENCES plan_kpis (consortium_id, plan_id, metric) ON DELETE CASCADE
);

CREATE TABLE plan_reviews (
    consortium_id  bigint NOT NULL,
    plan_id        bigint NOT NULL,
    fiscal_year    integer NOT NULL,
    step           text NOT NULL CHECK (step IN ('verification', 'publication')),
    done_on        date NOT NULL,
    note           text CHECK (btrim(note) <> '' AND length(note) <= 1000),
    PRIMARY KEY (consortium_id, plan_id, fiscal_year, step),
    FOREIGN KEY (consortium_id, plan_id) REFERENCES plans (consortium_id, id) ON DELETE CASCADE
);

CREATE TABLE income_records (
    consortium_id  bigint NOT NULL REFERENCES consortia (id),
    id             bigint GENERATED ALWAYS AS IDENTITY,
    -- The natural key imports match on: a receipt or voucher number.
    ref            text NOT NULL CHECK (btrim(ref) <> '' AND length(ref) <= 100),
    received_on    date NOT NULL,
    source         text NOT NULL CHECK (source IN (
                       'placement_fees', 'agency_kickbacks', 'membership_fees', 'prefectural_contracts',
                       'donations', 'corporate_hometown_tax', 'investment', 'secondment_costs', 'other')),
    amount_yen     bigint NOT NULL CHECK (amount_yen BETWEEN 0 AND 1000000000000000),
    description    text CHECK (btrim(description) <> '' AND length(description) <= 500),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    version        integer NOT NULL DEFAULT 1,
    PRIMARY KEY (consortium_id, id),
    UNIQUE (consortium_id, ref)
);

CREATE TABLE consortium_costs (
    consortium_id  bigint NOT NULL REFERENCES consortia (id),
    id             bigint GENERATED ALWAYS AS IDENTITY,
    ref            text NOT NULL CHECK (btrim(ref) <> '' AND length(ref) <= 100),
    incurred_on    date NOT NULL,
    amount_yen     bigint NOT NULL CHECK (amount_yen BETWEEN 0 AND 1000000000000000),
    description    text CHECK (btrim(description) <> '' AND length(description) <= 500),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    version        integer NOT NULL DEFAULT 1,
    PRIMARY KEY (consortium_id, id),
    UNIQUE (consortium_id, ref)
);

-- The fee the recruiting firm paid for the placement (成功報酬手数料), if any.
ALTER TABLE placements ADD COLUMN fee_yen bigint CHECK (fee_yen BETWEEN 0 AND 1000000000000000);

CREATE INDEX income_records_received ON income_records (consortium_id, received_on);
CREATE INDEX consortium_costs_incurred ON consortium_costs (consortium_id, incurred_on);

CREATE TRIGGER plans_touch BEFORE UPDATE ON plans FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER plan_kpis_touch BEFORE UPDATE ON plan_kpis FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER income_records_touch BEFORE UPDATE ON income_records FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER consortium_costs_touch BEFORE UPDATE ON consortium_costs FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER plans_audit AFTER INSERT OR UPDATE OR DELETE ON plans FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER plan_kpis_audit AFTER INSERT OR UPDATE OR DELETE ON plan_kpis FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER plan_kpi_increments_audit AFTER INSERT OR UPDATE OR DELETE ON plan_kpi_increments FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER plan_reviews_audit AFTER INSERT OR UPDATE OR DELETE ON plan_reviews FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER income_records_audit AFTER INSERT OR UPDATE OR DELETE ON income_records FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER consortium_costs_audit AFTER INSERT OR UPDATE OR DELETE ON consortium_costs FOR EACH ROW EXECUTE FUNCTION audit_row();

-- The same tenant rules as every table with a consortium_id (0006).
DO $$
DECLARE
    t text;
    readable constant text := '(SELECT app_role()) = ''admin'' OR consortium_id = ANY ((SELECT app_readable_consortia())::bigint[])';
    writable constant text := '(SELECT app_role()) = ''admin'' OR ((SELECT app_role()) = ''secretariat'' AND consortium_id = ANY ((SELECT app_consortia())::bigint[]))';
BEGIN
    FOREACH t IN ARRAY ARRAY['plans', 'plan_kpis', 'plan_kpi_increments', 'plan_reviews', 'income_records', 'consortium_costs']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO jinjibu_app', t);
        EXECUTE format('CREATE POLICY tenant_read ON %I FOR SELECT TO jinjibu_app USING (%s)', t, readable);
        EXECUTE format('CREATE POLICY tenant_insert ON %I FOR INSERT TO jinjibu_app WITH CHECK (%s)', t, writable);
        EXECUTE format('CREATE POLICY tenant_update ON %I FOR UPDATE TO jinjibu_app USING (%s) WITH CHECK (%s)', t, writable, writable);
        EXECUTE format('CREATE POLICY tenant_delete ON %I FOR DELETE TO jinjibu_app USING (%s)', t, writable);
    END LOOP;
END $$;

GRANT USAGE ON SEQUENCE plans_id_seq, income_records_id_seq, consortium_costs_id_seq TO jinjibu_app;
