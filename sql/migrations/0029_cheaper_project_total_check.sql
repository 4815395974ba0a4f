-- The project total check of 0010, with the same rule, lock and error, at less cost for an
-- import of a million lines (issue #18): the statement's projects are read from the transition
-- table once instead of twice, and each project is summed as sum(amount) + sum(tax), which
-- PostgreSQL adds up in 128-bit integers, instead of a numeric addition per line.
-- Each project is locked before it is summed, in project order as before, so the sum still
-- sees what a writer that held the lock committed.

CREATE OR REPLACE FUNCTION expenses_check_project_total() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    t record;
    total numeric;
BEGIN
    FOR t IN SELECT DISTINCT consortium_id, project_id FROM changed ORDER BY project_id, consortium_id LOOP
        PERFORM pg_advisory_xact_lock(hashtextextended('jinjibu.expenses_project_total', t.project_id));
        SELECT sum(e.amount_excl_tax_yen) + sum(e.tax_yen) INTO total FROM expenses e
        WHERE e.consortium_id = t.consortium_id AND e.project_id = t.project_id;
        IF total > 1000000000000000 THEN
            RAISE EXCEPTION 'the expense lines of adopted project % total % yen with tax, above the bound of 10^15 yen',
                (SELECT p.code FROM adopted_projects p WHERE p.consortium_id = t.consortium_id AND p.id = t.project_id), total
                USING ERRCODE = 'check_violation', CONSTRAINT = 'expenses_project_total_within_limit', TABLE = 'expenses';
        END IF;
    END LOOP;
    RETURN NULL;
END $$;
