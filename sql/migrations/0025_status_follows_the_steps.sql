-- A project's status follows its lifecycle records (issue 15; DOMAIN.md "The grant
-- lifecycle": 交付決定 → 実施中 → 実績報告済 → 額の確定 → 支払済 / 返還済, or 取下げ).
--
-- The status moves forward by itself when a record shows the next step:
--   a grant decision                        → grant_decided (交付決定)
--   an expense line or an advance payment   → in_progress (事業実施中), once a decision is recorded
--   a claim version                         → reported (実績報告済)
--   a confirmation                          → confirmed (額の確定)
--   精算払                                   → paid (支払済)
--   a refund received                       → refunded (返還済, new)
-- one step at a time through the chain, so the transition rule (0002) and the audit trail see
-- each step. It never moves back, and not out of paid, refunded or withdrawn. Only a
-- withdrawal (取下げ) is still set by hand (the API and pages refuse any other status). Rows
-- already stored keep their status until a new record moves them on. The status follows once
-- the project has a grant decision record: a project adopted with only a granted amount (a
-- published list, data from before 0022) keeps its status as stored.

ALTER TABLE adopted_projects DROP CONSTRAINT adopted_projects_status_check;
ALTER TABLE adopted_projects ADD CONSTRAINT adopted_projects_status_check CHECK (status IN (
    'adopted', 'grant_decided', 'in_progress', 'reported', 'confirmed', 'paid', 'refunded', 'withdrawn'));

-- As 0002, with refunded beside paid at the end of the chain. Mirrors ProjectStatus.canTransition.
CREATE OR REPLACE FUNCTION adopted_projects_check_status() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    chain constant text[] := ARRAY['adopted', 'grant_decided', 'in_progress', 'reported', 'confirmed', 'paid'];
BEGIN
    IF NEW.status = OLD.status OR NOT (NEW.status IN ('withdrawn', 'refunded') OR NEW.status = ANY (chain)) THEN
        RETURN NEW;  -- an unknown status is left to the CHECK to report
    END IF;
    IF OLD.status NOT IN ('paid', 'refunded', 'withdrawn')
       AND (NEW.status = 'withdrawn'
            OR (NEW.status = 'refunded' AND OLD.status = 'confirmed')
            OR array_position(chain, NEW.status) = array_position(chain, OLD.status) + 1) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'adopted project % cannot move from status % to status %', OLD.code, OLD.status, NEW.status
        USING ERRCODE = 'check_violation', CONSTRAINT = 'adopted_projects_status_transition',
              TABLE = 'adopted_projects', COLUMN = 'status',
              HINT = 'allowed: adopted → grant_decided → in_progress → reported → confirmed → paid or refunded, one step at a time, or withdrawn before the end';
END $$;

-- Moves the project's status forward to what its records show. Runs as the owner, with the
-- caller's role set aside for the update only: the status is nobody's column to write (the
-- column guard of 0006 would refuse a secretariat whose claim moves it to reported).
CREATE FUNCTION adopted_projects_follow_records(consortium bigint, project bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    chain constant text[] := ARRAY['adopted', 'grant_decided', 'in_progress', 'reported', 'confirmed', 'paid'];
    p record;
    target text;
    caller text := coalesce(current_setting('jinjibu.role', true), '');
BEGIN
    IF NOT EXISTS (SELECT 1 FROM grant_decisions d WHERE d.consortium_id = consortium AND d.project_id = project) THEN
        RETURN;
    END IF;
    -- Read without a lock first: most writes (another expense line) move nothing, and must not
    -- wait for, or make wait, a claim being stored meanwhile (which locks the project).
    SELECT status INTO p FROM adopted_projects WHERE consortium_id = consortium AND id = project;
    IF NOT FOUND OR p.status IN ('paid', 'refunded', 'withdrawn') THEN
        RETURN;
    END IF;
    target := CASE
        WHEN EXISTS (SELECT 1 FROM settlements s WHERE s.consortium_id = consortium AND s.project_id = project AND s.kind = 'refund' AND s.received_on IS NOT NULL) THEN 'refunded'
        WHEN EXISTS (SELECT 1 FROM settlements s WHERE s.consortium_id = consortium AND s.project_id = project AND s.kind = 'payment') THEN 'paid'
        WHEN EXISTS (SELECT 1 FROM confirmations f WHERE f.consortium_id = consortium AND f.project_id = project) THEN 'confirmed'
        WHEN EXISTS (SELECT 1 FROM claims c WHERE c.consortium_id = consortium AND c.project_id = project AND c.status <> 'draft') THEN 'reported'
        WHEN EXISTS (SELECT 1 FROM grant_decisions d WHERE d.consortium_id = consortium AND d.project_id = project)
             AND (EXISTS (SELECT 1 FROM expenses e WHERE e.consortium_id = consortium AND e.project_id = project)
                  OR EXISTS (SELECT 1 FROM advance_payments a WHERE a.consortium_id = consortium AND a.project_id = project)) THEN 'in_progress'
        WHEN EXISTS (SELECT 1 FROM grant_decisions d WHERE d.consortium_id = consortium AND d.project_id = project) THEN 'grant_decided'
        ELSE p.status
    END;
    IF target = p.status OR array_position(chain, coalesce(nullif(target, 'refunded'), 'paid')) <= array_position(chain, p.status) THEN
        RETURN;
    END IF;
    -- A move: read again under NO KEY UPDATE, which waits for another status move but not for
    -- writers of the project's lines (their foreign keys hold KEY SHARE on it).
    SELECT status INTO p FROM adopted_projects WHERE consortium_id = consortium AND id = project FOR NO KEY UPDATE;
    IF p.status IN ('paid', 'refunded', 'withdrawn') OR target = p.status
       OR array_position(chain, coalesce(nullif(target, 'refunded'), 'paid')) <= array_position(chain, p.status) THEN
        RETURN;
    END IF;
    PERFORM set_config('jinjibu.role', '', true);
    WHILE p.status <> target LOOP
        p.status := CASE WHEN target = 'refunded' AND p.status = 'confirmed' THEN 'refunded'
                         ELSE chain[array_position(chain, p.status) + 1] END;
        UPDATE adopted_projects SET status = p.status WHERE consortium_id = consortium AND id = project;
    END LOOP;
    PERFORM set_config('jinjibu.role', caller, true);
END $$;
REVOKE EXECUTE ON FUNCTION adopted_projects_follow_records(bigint, bigint) FROM PUBLIC;
-- The service role reaches it through the triggers below, for rows it has just written.
GRANT EXECUTE ON FUNCTION adopted_projects_follow_records(bigint, bigint) TO jinjibu_app;

-- After a statement that adds or changes records, each project it touched follows them.
CREATE FUNCTION lifecycle_records_moved() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT DISTINCT consortium_id, project_id FROM moved LOOP
        PERFORM adopted_projects_follow_records(r.consortium_id, r.project_id);
    END LOOP;
    RETURN NULL;
END $$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['grant_decisions', 'advance_payments', 'expenses', 'claims', 'confirmations', 'settlements'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS moved FOR EACH STATEMENT EXECUTE FUNCTION lifecycle_records_moved()',
                       t || '_status_insert', t);
    END LOOP;
    -- A refund's receipt is an update.
    EXECUTE 'CREATE TRIGGER settlements_status_update AFTER UPDATE ON settlements REFERENCING NEW TABLE AS moved FOR EACH STATEMENT EXECUTE FUNCTION lifecycle_records_moved()';
END $$;

-- 0022's record triggers lock the project FOR NO KEY UPDATE instead of FOR UPDATE: that still
-- serialises the records of one project, but no longer deadlocks with writers of its expense
-- lines, whose foreign keys hold KEY SHARE on it while the status above may move.
CREATE OR REPLACE FUNCTION grant_decisions_check_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    latest record;
BEGIN
    PERFORM 1 FROM adopted_projects WHERE consortium_id = NEW.consortium_id AND id = NEW.project_id FOR NO KEY UPDATE;
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

CREATE OR REPLACE FUNCTION advance_payments_check_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    latest integer;
BEGIN
    PERFORM 1 FROM adopted_projects WHERE consortium_id = NEW.consortium_id AND id = NEW.project_id FOR NO KEY UPDATE;
    SELECT max(sequence) INTO latest FROM advance_payments WHERE consortium_id = NEW.consortium_id AND project_id = NEW.project_id;
    IF NEW.sequence <> coalesce(latest, 0) + 1 THEN
        RAISE EXCEPTION 'advance payment % is out of sequence: the next is %', NEW.sequence, coalesce(latest, 0) + 1
            USING ERRCODE = 'check_violation', CONSTRAINT = 'advance_payments_sequence', TABLE = 'advance_payments', COLUMN = 'sequence';
    END IF;
    RETURN NEW;
END $$;
