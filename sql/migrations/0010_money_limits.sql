-- The money limits of Domain's MoneyLimits, as database guarantees: every entered amount is at
-- most 10^15 yen, and a project's expense lines together (amounts excluding tax plus tax) are
-- at most 10^15 yen, so that no sum over a project can overflow bigint and a fiscal year's
-- sums over projects stay far from it. The service checks both first, to say which line; these
-- hold for every path all the same.
--
-- The CHECKs are NOT VALID: a row stored before this migration is not refused (the migration
-- would fail on it), but no write may add or keep such a value. The claim computation refuses
-- such a project with a message instead of trapping.
--
-- Errors use SQLSTATE check_violation (23514) and carry a constraint name, as in 0002:
--   expenses_amount_within_limit, expenses_project_total_within_limit, and the *_within_limit
--   CHECKs below.

ALTER TABLE expenses
    ADD CONSTRAINT expenses_amount_within_limit
        CHECK (amount_excl_tax_yen <= 1000000000000000 AND tax_yen <= 1000000000000000) NOT VALID;
ALTER TABLE adopted_projects
    ADD CONSTRAINT adopted_projects_amounts_within_limit
        CHECK (granted_yen <= 1000000000000000 AND prior_paid_yen <= 1000000000000000) NOT VALID;
ALTER TABLE frames
    ADD CONSTRAINT frames_amounts_within_limit
        CHECK (project_cap_yen <= 1000000000000000 AND firm_cap_yen <= 1000000000000000
               AND person_cap_yen <= 1000000000000000 AND rounding_unit_yen <= 1000000000000000) NOT VALID;
ALTER TABLE frame_categories
    ADD CONSTRAINT frame_categories_cap_within_limit CHECK (cap_yen <= 1000000000000000) NOT VALID;

-- Once per statement, over the projects the statement touched (an import of a million lines
-- sums each project once). The advisory lock per project serialises writers of one project
-- from here to commit, so that two transactions cannot each stay under the bound and together
-- exceed it; the sum runs after the lock, so it sees what the other one committed.
CREATE FUNCTION expenses_check_project_total() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    over record;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('jinjibu.expenses_project_total', t.project_id))
    FROM (SELECT DISTINCT project_id FROM changed ORDER BY project_id) t;
    SELECT p.code, s.total INTO over
    FROM (SELECT DISTINCT consortium_id, project_id FROM changed) t
    CROSS JOIN LATERAL (
        SELECT sum(e.amount_excl_tax_yen::numeric + e.tax_yen) AS total FROM expenses e
        WHERE e.consortium_id = t.consortium_id AND e.project_id = t.project_id) s
    JOIN adopted_projects p ON p.consortium_id = t.consortium_id AND p.id = t.project_id
    WHERE s.total > 1000000000000000
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'the expense lines of adopted project % total % yen with tax, above the bound of 10^15 yen',
            over.code, over.total
            USING ERRCODE = 'check_violation', CONSTRAINT = 'expenses_project_total_within_limit', TABLE = 'expenses';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER expenses_project_total_insert AFTER INSERT ON expenses
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION expenses_check_project_total();
CREATE TRIGGER expenses_project_total_update AFTER UPDATE ON expenses
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION expenses_check_project_total();
