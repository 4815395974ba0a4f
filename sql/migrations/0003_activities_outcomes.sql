-- Schema v3: activities (events, participating firms, participants by segment) and outcomes
-- (placements, consultations and referrals). Member firm groups are memberships.group_name.
--
-- Trigger errors use SQLSTATE check_violation (23514) with a constraint name, like a CHECK:
--   event_firms_member_on_date, placements_member_on_date.

-- True when the organisation is a member of the consortium (in any role) on the day:
-- joined on or before it, and not left before it (left_on is the last day of membership).
CREATE FUNCTION is_member_on(consortium bigint, organization bigint, day date) RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
    SELECT EXISTS (
        SELECT 1 FROM memberships m
        WHERE m.consortium_id = consortium AND m.organization_id = organization
          AND m.joined_on <= day AND (m.left_on IS NULL OR m.left_on >= day))
$$;

-- An activity (取組). code is the consortium's own reference for it, used by imports and by
-- expenses.event_ref.
CREATE TABLE events (
    consortium_id  bigint NOT NULL REFERENCES consortia (id),
    id             bigint GENERATED ALWAYS AS IDENTITY,
    code           text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    kind           text NOT NULL CHECK (kind IN (
                       'joint_recruiting', 'internship', 'training', 'retention', 'side_job_matching',
                       'secondment', 'seminar', 'council')),
    title          text NOT NULL CHECK (btrim(title) <> '' AND length(title) <= 500),
    starts_on      date NOT NULL,
    -- NULL for a one-day event.
    ends_on        date,
    -- The adopted project that funds it, if any.
    project_id     bigint,
    venue          text CHECK (btrim(venue) <> '' AND length(venue) <= 500),
    online         boolean NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    version        integer NOT NULL DEFAULT 1,
    PRIMARY KEY (consortium_id, id),
    UNIQUE (consortium_id, code),
    FOREIGN KEY (consortium_id, project_id) REFERENCES adopted_projects (consortium_id, id),
    CONSTRAINT events_period_order CHECK (ends_on >= starts_on)
);
CREATE INDEX events_consortium_date ON events (consortium_id, starts_on);
CREATE INDEX events_project ON events (consortium_id, project_id) WHERE project_id IS NOT NULL;

-- The organisations that took part in an event; each must be a member of the consortium on
-- the event's first day (trigger event_firms_member_on_date).
CREATE TABLE event_firms (
    consortium_id    bigint NOT NULL,
    event_id         bigint NOT NULL,
    organization_id  bigint NOT NULL REFERENCES organizations (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer NOT NULL DEFAULT 1,
    PRIMARY KEY (consortium_id, event_id, organization_id),
    FOREIGN KEY (consortium_id, event_id) REFERENCES events (consortium_id, id) ON DELETE CASCADE
);
CREATE INDEX event_firms_organization ON event_firms (organization_id);

-- How many people came, by segment (人材母集団); a segment without a row had none.
CREATE TABLE event_participants (
    consortium_id  bigint NOT NULL,
    event_id       bigint NOT NULL,
    segment        text NOT NULL CHECK (segment IN (
                       'student', 'new_graduate', 'uij_turn', 'side_job_professional', 'latent_worker',
                       'employee', 'other')),
    count          integer NOT NULL CHECK (count >= 0),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    version        integer NOT NULL DEFAULT 1,
    PRIMARY KEY (consortium_id, event_id, segment),
    FOREIGN KEY (consortium_id, event_id) REFERENCES events (consortium_id, id) ON DELETE CASCADE
);

-- A placement (成約・採用): a person starts at a member firm. People are known by the
-- secretariat's pseudonymous person_ref; person_name is optional and never exported. The
-- firm must be a member of the consortium on started_on (trigger placements_member_on_date).
CREATE TABLE placements (
    consortium_id    bigint NOT NULL REFERENCES consortia (id),
    id               bigint GENERATED ALWAYS AS IDENTITY,
    firm_id          bigint NOT NULL REFERENCES organizations (id),
    person_ref       text NOT NULL CHECK (btrim(person_ref) <> '' AND length(person_ref) <= 100),
    person_name      text CHECK (btrim(person_name) <> '' AND length(person_name) <= 200),
    employment_type  text NOT NULL CHECK (employment_type IN (
                         'full_time', 'side_job', 'internship', 'secondment', 'contract')),
    started_on       date NOT NULL,
    -- NULL while the person stays; retention at 12 months looks at it.
    ended_on         date,
    segment          text CHECK (segment IN (
                         'student', 'new_graduate', 'uij_turn', 'side_job_professional', 'latent_worker',
                         'employee', 'other')),
    job_category     text CHECK (job_category IN (
                         'sales', 'production_quality', 'engineering_design', 'accounting_finance',
                         'pr_marketing', 'product_planning', 'corporate_planning', 'research_development',
                         'general_affairs', 'human_resources', 'it_engineer', 'logistics_purchasing',
                         'creative', 'legal', 'other')),
    -- The event the placement came from, if any.
    event_id         bigint,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer NOT NULL DEFAULT 1,
    PRIMARY KEY (consortium_id, id),
    -- The natural key imports match on.
    UNIQUE (consortium_id, firm_id, person_ref, started_on),
    -- Target of consultations' (placement_id, firm_id) key: an outcome is at the consulting firm.
    UNIQUE (consortium_id, id, firm_id),
    FOREIGN KEY (consortium_id, event_id) REFERENCES events (consortium_id, id),
    CONSTRAINT placements_period_order CHECK (ended_on >= started_on)
);
CREATE INDEX placements_consortium_date ON placements (consortium_id, started_on);
CREATE INDEX placements_event ON placements (consortium_id, event_id) WHERE event_id IS NOT NULL;

-- A consultation (相談) by a member firm about a talent need, the referral (とりつなぎ) to a
-- partner organisation if one was made, and the placement it led to if any (at the same firm).
CREATE TABLE consultations (
    consortium_id    bigint NOT NULL REFERENCES consortia (id),
    id               bigint GENERATED ALWAYS AS IDENTITY,
    firm_id          bigint NOT NULL REFERENCES organizations (id),
    consulted_on     date NOT NULL,
    channel          text NOT NULL CHECK (channel IN (
                         'seminar', 'bank', 'chamber', 'support_center', 'direct', 'other')),
    job_category     text CHECK (job_category IN (
                         'sales', 'production_quality', 'engineering_design', 'accounting_finance',
                         'pr_marketing', 'product_planning', 'corporate_planning', 'research_development',
                         'general_affairs', 'human_resources', 'it_engineer', 'logistics_purchasing',
                         'creative', 'legal', 'other')),
    employment_type  text CHECK (employment_type IN (
                         'full_time', 'side_job', 'internship', 'secondment', 'contract')),
    referred_to_id   bigint REFERENCES organizations (id),
    referred_on      date,
    placement_id     bigint,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer NOT NULL DEFAULT 1,
    PRIMARY KEY (consortium_id, id),
    -- The natural key imports match on: one consultation per firm, day and channel.
    UNIQUE (consortium_id, firm_id, consulted_on, channel),
    FOREIGN KEY (consortium_id, placement_id, firm_id) REFERENCES placements (consortium_id, id, firm_id),
    CONSTRAINT consultations_referral_order CHECK (referred_on >= consulted_on),
    CONSTRAINT consultations_referral_has_partner CHECK (referred_on IS NULL OR referred_to_id IS NOT NULL)
);
CREATE INDEX consultations_consortium_date ON consultations (consortium_id, consulted_on);
CREATE INDEX consultations_placement ON consultations (consortium_id, placement_id) WHERE placement_id IS NOT NULL;

-- expenses.event_ref names an event of the expense's own consortium by code.
ALTER TABLE expenses ADD CONSTRAINT expenses_event_fk FOREIGN KEY (consortium_id, event_ref)
    REFERENCES events (consortium_id, code) ON UPDATE CASCADE ON DELETE RESTRICT;
CREATE INDEX expenses_event ON expenses (consortium_id, event_ref) WHERE event_ref IS NOT NULL;

-- Membership on the day backs the import rule; it is checked when the row is written, so a
-- later change to the membership or the event's dates does not undo recorded history.
CREATE FUNCTION event_firms_check_member() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    e record;
    org_code text;
BEGIN
    SELECT code, starts_on INTO e FROM events WHERE consortium_id = NEW.consortium_id AND id = NEW.event_id;
    IF NOT FOUND OR is_member_on(NEW.consortium_id, NEW.organization_id, e.starts_on) THEN
        RETURN NEW;  -- a missing event is reported by the foreign key
    END IF;
    SELECT code INTO org_code FROM organizations WHERE id = NEW.organization_id;
    RAISE EXCEPTION 'organization % is not a member of the consortium on % (the first day of event %)',
        coalesce(org_code, NEW.organization_id::text), e.starts_on, e.code
        USING ERRCODE = 'check_violation', CONSTRAINT = 'event_firms_member_on_date', TABLE = 'event_firms';
END $$;

CREATE FUNCTION placements_check_member() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    org_code text;
BEGIN
    IF is_member_on(NEW.consortium_id, NEW.firm_id, NEW.started_on) THEN
        RETURN NEW;
    END IF;
    SELECT code INTO org_code FROM organizations WHERE id = NEW.firm_id;
    RAISE EXCEPTION 'firm % is not a member of the consortium on %, the start of placement %',
        coalesce(org_code, NEW.firm_id::text), NEW.started_on, NEW.person_ref
        USING ERRCODE = 'check_violation', CONSTRAINT = 'placements_member_on_date', TABLE = 'placements';
END $$;

CREATE TRIGGER event_firms_member BEFORE INSERT OR UPDATE OF consortium_id, event_id, organization_id ON event_firms
    FOR EACH ROW EXECUTE FUNCTION event_firms_check_member();
CREATE TRIGGER placements_member BEFORE INSERT OR UPDATE OF consortium_id, firm_id, started_on ON placements
    FOR EACH ROW EXECUTE FUNCTION placements_check_member();

CREATE TRIGGER events_touch BEFORE UPDATE ON events FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER event_firms_touch BEFORE UPDATE ON event_firms FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER event_participants_touch BEFORE UPDATE ON event_participants FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER placements_touch BEFORE UPDATE ON placements FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER consultations_touch BEFORE UPDATE ON consultations FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER events_audit AFTER INSERT OR UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER event_firms_audit AFTER INSERT OR UPDATE OR DELETE ON event_firms FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER event_participants_audit AFTER INSERT OR UPDATE OR DELETE ON event_participants FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER placements_audit AFTER INSERT OR UPDATE OR DELETE ON placements FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER consultations_audit AFTER INSERT OR UPDATE OR DELETE ON consultations FOR EACH ROW EXECUTE FUNCTION audit_row();
