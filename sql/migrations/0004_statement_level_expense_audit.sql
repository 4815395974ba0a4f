-- Expense files run to a million lines, so the per-row triggers of 0002 on expenses become
-- per-statement ones here. One audit_log INSERT per row made the audit trigger the
-- main cost of an import. Expenses are audited per statement instead, from the transition
-- tables, with the same rows in audit_log as before (one per changed line, before and after).

DROP TRIGGER expenses_audit ON expenses;

CREATE FUNCTION audit_statement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    who text := coalesce(nullif(current_setting('jinjibu.actor', true), ''), session_user);
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO audit_log (actor, table_name, operation, consortium_id, row_id, before, after)
        SELECT who, TG_TABLE_NAME, 'INSERT', n.consortium_id, n.id, NULL, to_jsonb(n) FROM new_rows n;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO audit_log (actor, table_name, operation, consortium_id, row_id, before, after)
        SELECT who, TG_TABLE_NAME, 'UPDATE', n.consortium_id, n.id, to_jsonb(o), to_jsonb(n)
        FROM new_rows n JOIN old_rows o ON o.consortium_id = n.consortium_id AND o.id = n.id
        WHERE (to_jsonb(o) - 'updated_at' - 'version') <> (to_jsonb(n) - 'updated_at' - 'version');
    ELSE
        INSERT INTO audit_log (actor, table_name, operation, consortium_id, row_id, before, after)
        SELECT who, TG_TABLE_NAME, 'DELETE', o.consortium_id, o.id, to_jsonb(o), NULL FROM old_rows o;
    END IF;
    RETURN NULL;
END $$;

-- Transition tables allow one event per trigger.
CREATE TRIGGER expenses_audit_insert AFTER INSERT ON expenses
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_statement();
CREATE TRIGGER expenses_audit_update AFTER UPDATE ON expenses
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_statement();
CREATE TRIGGER expenses_audit_delete AFTER DELETE ON expenses
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_statement();

-- The claim lock on new lines, likewise once per statement: lock the statement's projects
-- against a concurrent approval (FOR KEY SHARE, as latest_claim_of does per row), then refuse
-- the statement if any new line belongs to a project whose latest claim is approved or paid
-- and does not state its reason and the next claim version. Updates and deletes keep the
-- row-level check of 0002.
DROP TRIGGER expenses_claim_lock ON expenses;
CREATE TRIGGER expenses_claim_lock BEFORE UPDATE OR DELETE ON expenses
    FOR EACH ROW EXECUTE FUNCTION expenses_check_claim_lock();

CREATE FUNCTION expenses_check_claim_lock_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    refused record;
BEGIN
    PERFORM 1 FROM adopted_projects p
    WHERE (p.consortium_id, p.id) IN (SELECT DISTINCT consortium_id, project_id FROM new_rows)
    ORDER BY p.consortium_id, p.id
    FOR KEY SHARE;
    WITH latest AS (
        SELECT DISTINCT ON (c.consortium_id, c.project_id) c.consortium_id, c.project_id, c.claim_version, c.status
        FROM claims c
        WHERE (c.consortium_id, c.project_id) IN (SELECT DISTINCT consortium_id, project_id FROM new_rows)
        ORDER BY c.consortium_id, c.project_id, c.claim_version DESC
    )
    SELECT n.line_ref, p.code, l.claim_version, l.status INTO refused
    FROM new_rows n
    JOIN latest l ON l.consortium_id = n.consortium_id AND l.project_id = n.project_id
    JOIN adopted_projects p ON p.consortium_id = n.consortium_id AND p.id = n.project_id
    WHERE l.status IN ('approved', 'paid')
      AND (n.added_reason IS NULL OR n.added_for_claim_version IS DISTINCT FROM l.claim_version + 1)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'expense % cannot be added to adopted project % without a stated reason: claim version % is %',
            refused.line_ref, refused.code, refused.claim_version, refused.status
            USING ERRCODE = 'check_violation', CONSTRAINT = 'expenses_locked_by_approved_claim', TABLE = 'expenses',
                  HINT = format('set added_reason and added_for_claim_version %s', refused.claim_version + 1);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER expenses_claim_lock_insert AFTER INSERT ON expenses
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION expenses_check_claim_lock_on_insert();
