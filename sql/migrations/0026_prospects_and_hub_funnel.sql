-- The funnel as hubs count it (issue 17; DOMAIN.md "The hub's funnel counts firms"):
-- prospects at outreach events, two new activity kinds, referrals from partners, and the
-- senior-mentor programme (新現役交流会).
--
-- 1. Prospects. Firms that are not (yet) members attend seminars and similar outreach
--    events; they are counted apart, not refused. Joint recruiting, training and the other
--    member services still require membership on the event's first day. Which kinds admit
--    non-members is EventKind.admitsProspects in Domain; event_kind_admits_prospects below
--    mirrors it (a test checks that both agree for every kind).
-- 2. Kinds: accompanied_visit (同行訪問: the hub visits a firm together with a partner such
--    as its bank) and mentor_session (新現役交流会: firms meet registered senior mentors).
-- 3. consultations.referred_by_id: the partner that referred the firm to the consortium
--    (とりつなぎ "from"), beside referred_to_id ("to").
-- 4. mentors (a register of pseudonymous references, no names) and mentor_matches (a firm
--    that took part in a mentor session matched with a mentor there).
-- 5. Organisations tied to a consortium only as a prospect at its events or as the partner
--    that referred a consultation are readable by it, and read-only to the others (as 0006
--    and 0008 do for the other ties).

CREATE FUNCTION event_kind_admits_prospects(kind text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT kind IN ('seminar', 'accompanied_visit', 'mentor_session')
$$;

ALTER TABLE events DROP CONSTRAINT events_kind_check;
ALTER TABLE events ADD CONSTRAINT events_kind_check CHECK (kind IN (
    'joint_recruiting', 'internship', 'training', 'retention', 'side_job_matching',
    'secondment', 'seminar', 'council', 'accompanied_visit', 'mentor_session'));

-- As in 0003, except that an event of a kind that admits prospects takes any organisation.
-- The message of the member-only kinds is unchanged.
CREATE OR REPLACE FUNCTION event_firms_check_member() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    e record;
    org_code text;
BEGIN
    SELECT code, kind, starts_on INTO e FROM events WHERE consortium_id = NEW.consortium_id AND id = NEW.event_id;
    IF NOT FOUND OR event_kind_admits_prospects(e.kind) OR is_member_on(NEW.consortium_id, NEW.organization_id, e.starts_on) THEN
        RETURN NEW;  -- a missing event is reported by the foreign key
    END IF;
    SELECT code INTO org_code FROM organizations WHERE id = NEW.organization_id;
    RAISE EXCEPTION 'organization % is not a member of the consortium on % (the first day of event %)',
        coalesce(org_code, NEW.organization_id::text), e.starts_on, e.code
        USING ERRCODE = 'check_violation', CONSTRAINT = 'event_firms_member_on_date', TABLE = 'event_firms';
END $$;

-- An event that admitted prospects may not become a member-only one while they are in it.
CREATE FUNCTION events_check_members_on_kind() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    org_code text;
BEGIN
    IF event_kind_admits_prospects(NEW.kind) OR NOT event_kind_admits_prospects(OLD.kind) THEN
        RETURN NEW;
    END IF;
    SELECT o.code INTO org_code
    FROM event_firms f JOIN organizations o ON o.id = f.organization_id
    WHERE f.consortium_id = NEW.consortium_id AND f.event_id = NEW.id
      AND NOT is_member_on(NEW.consortium_id, f.organization_id, NEW.starts_on)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'organization % is not a member of the consortium on % (the first day of event %)',
            org_code, NEW.starts_on, NEW.code
            USING ERRCODE = 'check_violation', CONSTRAINT = 'event_firms_member_on_date', TABLE = 'events';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER events_members_on_kind BEFORE UPDATE OF kind ON events
    FOR EACH ROW EXECUTE FUNCTION events_check_members_on_kind();

ALTER TABLE consultations ADD COLUMN referred_by_id bigint REFERENCES organizations (id);
CREATE INDEX consultations_referred_by ON consultations (referred_by_id) WHERE referred_by_id IS NOT NULL;

-- A senior mentor (マネジメントメンター) registered with the consortium, known only by the
-- secretariat's pseudonymous reference: a person's name never enters the system.
CREATE TABLE mentors (
    consortium_id  bigint NOT NULL REFERENCES consortia (id),
    id             bigint GENERATED ALWAYS AS IDENTITY,
    ref            text NOT NULL CHECK (ref ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    registered_on  date NOT NULL,
    -- The last day of registration; NULL while registered.
    left_on        date,
    expertise      text CHECK (btrim(expertise) <> '' AND length(expertise) <= 200),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    version        integer NOT NULL DEFAULT 1,
    PRIMARY KEY (consortium_id, id),
    UNIQUE (consortium_id, ref),
    CONSTRAINT mentors_period_order CHECK (left_on >= registered_on)
);

-- A firm that took part in a mentor session matched with a mentor there. Removing the firm
-- from the session removes its matches.
CREATE TABLE mentor_matches (
    consortium_id    bigint NOT NULL,
    event_id         bigint NOT NULL,
    organization_id  bigint NOT NULL,
    mentor_id        bigint NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer NOT NULL DEFAULT 1,
    PRIMARY KEY (consortium_id, event_id, organization_id, mentor_id),
    FOREIGN KEY (consortium_id, event_id, organization_id)
        REFERENCES event_firms (consortium_id, event_id, organization_id) ON DELETE CASCADE,
    FOREIGN KEY (consortium_id, mentor_id) REFERENCES mentors (consortium_id, id)
);
CREATE INDEX mentor_matches_mentor ON mentor_matches (consortium_id, mentor_id);

CREATE FUNCTION mentor_matches_check_session() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM events WHERE consortium_id = NEW.consortium_id AND id = NEW.event_id AND kind <> 'mentor_session') THEN
        RAISE EXCEPTION 'a mentor match belongs to a mentor session'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'mentor_matches_session', TABLE = 'mentor_matches';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER mentor_matches_session BEFORE INSERT OR UPDATE ON mentor_matches
    FOR EACH ROW EXECUTE FUNCTION mentor_matches_check_session();

-- The kind of a session with matches cannot change: the matches would lose their meaning.
CREATE FUNCTION events_check_mentor_matches() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.kind <> 'mentor_session' AND EXISTS (
        SELECT 1 FROM mentor_matches WHERE consortium_id = NEW.consortium_id AND event_id = NEW.id) THEN
        RAISE EXCEPTION 'event % has mentor matches', NEW.code
            USING ERRCODE = 'check_violation', CONSTRAINT = 'mentor_matches_session', TABLE = 'events';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER events_mentor_matches BEFORE UPDATE OF kind ON events
    FOR EACH ROW EXECUTE FUNCTION events_check_mentor_matches();

CREATE TRIGGER mentors_touch BEFORE UPDATE ON mentors FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER mentor_matches_touch BEFORE UPDATE ON mentor_matches FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER mentors_audit AFTER INSERT OR UPDATE OR DELETE ON mentors FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER mentor_matches_audit AFTER INSERT OR UPDATE OR DELETE ON mentor_matches FOR EACH ROW EXECUTE FUNCTION audit_row();

-- The same tenant rules as every table with a consortium_id (0006).
DO $$
DECLARE
    t text;
    readable constant text := '(SELECT app_role()) = ''admin'' OR consortium_id = ANY ((SELECT app_readable_consortia())::bigint[])';
    writable constant text := '(SELECT app_role()) = ''admin'' OR ((SELECT app_role()) = ''secretariat'' AND consortium_id = ANY ((SELECT app_consortia())::bigint[]))';
BEGIN
    FOREACH t IN ARRAY ARRAY['mentors', 'mentor_matches']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO jinjibu_app', t);
        EXECUTE format('CREATE POLICY tenant_read ON %I FOR SELECT TO jinjibu_app USING (%s)', t, readable);
        EXECUTE format('CREATE POLICY tenant_insert ON %I FOR INSERT TO jinjibu_app WITH CHECK (%s)', t, writable);
        EXECUTE format('CREATE POLICY tenant_update ON %I FOR UPDATE TO jinjibu_app USING (%s) WITH CHECK (%s)', t, writable, writable);
        EXECUTE format('CREATE POLICY tenant_delete ON %I FOR DELETE TO jinjibu_app USING (%s)', t, writable);
    END LOOP;
END $$;

GRANT USAGE ON SEQUENCE mentors_id_seq TO jinjibu_app;

-- As in 0006, with the two new ties: an organisation at the consortium's events (a prospect
-- is no member) and the partner that referred a consultation.
CREATE OR REPLACE FUNCTION app_readable_organizations() RETURNS bigint[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH scope AS (SELECT app_readable_consortia() AS ids)
    SELECT coalesce(array_agg(DISTINCT t.id), '{}') FROM (
        SELECT m.organization_id AS id FROM memberships m, scope WHERE m.consortium_id = ANY (scope.ids)
        UNION ALL
        SELECT c.secretariat_id FROM consortia c, scope WHERE c.id = ANY (scope.ids)
        UNION ALL
        SELECT pa.organization_id FROM project_applicants pa, scope WHERE pa.consortium_id = ANY (scope.ids)
        UNION ALL
        SELECT x.firm_id FROM consultations x, scope WHERE x.consortium_id = ANY (scope.ids)
        UNION ALL
        SELECT x.referred_to_id FROM consultations x, scope
        WHERE x.consortium_id = ANY (scope.ids) AND x.referred_to_id IS NOT NULL
        UNION ALL
        SELECT x.referred_by_id FROM consultations x, scope
        WHERE x.consortium_id = ANY (scope.ids) AND x.referred_by_id IS NOT NULL
        UNION ALL
        SELECT f.organization_id FROM event_firms f, scope WHERE f.consortium_id = ANY (scope.ids)
        UNION ALL
        SELECT e.firm_id FROM expenses e, scope WHERE e.consortium_id = ANY (scope.ids) AND e.firm_id IS NOT NULL) t
$$;

-- As in 0008, with the same two ties.
CREATE OR REPLACE FUNCTION app_organization_read_only(org bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH own AS (SELECT app_consortia() AS ids)
    SELECT app_role() NOT IN ('', 'admin') AND (
           EXISTS (SELECT 1 FROM memberships m, own WHERE m.organization_id = org AND m.consortium_id <> ALL (own.ids))
        OR EXISTS (SELECT 1 FROM consortia c, own WHERE c.secretariat_id = org AND c.id <> ALL (own.ids))
        OR EXISTS (SELECT 1 FROM organizations o, own WHERE o.id = org AND NOT (o.registered_for <@ own.ids))
        OR EXISTS (SELECT 1 FROM project_applicants pa, own WHERE pa.organization_id = org AND pa.consortium_id <> ALL (own.ids))
        OR EXISTS (SELECT 1 FROM consultations x, own WHERE x.firm_id = org AND x.consortium_id <> ALL (own.ids))
        OR EXISTS (SELECT 1 FROM consultations x, own WHERE x.referred_to_id = org AND x.consortium_id <> ALL (own.ids))
        OR EXISTS (SELECT 1 FROM consultations x, own WHERE x.referred_by_id = org AND x.consortium_id <> ALL (own.ids))
        OR EXISTS (SELECT 1 FROM event_firms f, own WHERE f.organization_id = org AND f.consortium_id <> ALL (own.ids))
        OR EXISTS (SELECT 1 FROM expenses e, own WHERE e.firm_id = org AND e.consortium_id <> ALL (own.ids)))
$$;
