-- Generates a fiscal year of data for the export benchmark, entirely inside PostgreSQL
-- (generate_series, one INSERT ... SELECT per table), so a million lines load in seconds.
--
--   psql -v consortia=1000 -v lines=1000000 -f generate.sql
--
-- Every consortium has one FY2024 project: nine in ten under 地域戦略人材 通常枠 (rate 1/2,
-- cap ¥10,000,000, equipment capped at ¥500,000), one in ten under 副業・兼業 B枠 (person and
-- firm caps, so the computation groups by firm and person). Lines are spread evenly over the
-- projects and over the ten categories, with some unpaid, without evidence, excluded, out of
-- period and not covered. Each consortium also gets 50 events with participants and 30
-- placements. Triggers (audit trail, claim lock, membership checks) are skipped while
-- loading (session_replication_role = replica): the data is consistent by construction and
-- the benchmark measures the export, not the audit trail.
\set ON_ERROR_STOP on
SET session_replication_role = replica;

CREATE TEMPORARY TABLE gen_consortia AS
SELECT i, 1 + (i % 47) AS prefecture_code FROM generate_series(1, :consortia) AS i;

INSERT INTO organizations (code, kind, name, prefecture_code)
SELECT 'sec-' || i, 'company', '株式会社事務局' || i, prefecture_code FROM gen_consortia
UNION ALL
SELECT 'firm-' || i || '-' || f, 'company', '参加企業' || i || '-' || f, prefecture_code
FROM gen_consortia, generate_series(1, 5) AS f;

INSERT INTO consortia (code, name, prefecture_code, secretariat_id, established_on)
SELECT 'C' || lpad(g.i::text, 6, '0'), '地域の人事部' || g.i, g.prefecture_code, o.id, date '2022-04-01'
FROM gen_consortia g JOIN organizations o ON o.code = 'sec-' || g.i;

INSERT INTO memberships (consortium_id, organization_id, role, joined_on)
SELECT c.id, o.id, CASE WHEN o.code LIKE 'sec-%' THEN 'secretariat' ELSE 'firm' END, date '2022-04-01'
FROM gen_consortia g
JOIN consortia c ON c.code = 'C' || lpad(g.i::text, 6, '0')
JOIN organizations o ON o.code = 'sec-' || g.i OR o.code LIKE 'firm-' || g.i || '-%';

CREATE TEMPORARY TABLE gen_projects AS
SELECT g.i, c.id AS consortium_id, c.prefecture_code, c.secretariat_id,
       (SELECT f.id FROM frames f JOIN programs pr ON pr.id = f.program_id
        WHERE f.fiscal_year = 2024 AND pr.code = CASE WHEN g.i % 10 = 0 THEN 'fukugyo-kengyo' ELSE 'chiiki-senryaku-jinzai' END
          AND f.code = CASE WHEN g.i % 10 = 0 THEN 'b-receiving' ELSE 'standard' END) AS frame_id
FROM gen_consortia g JOIN consortia c ON c.code = 'C' || lpad(g.i::text, 6, '0');

INSERT INTO adopted_projects (consortium_id, code, frame_id, fiscal_year, no, project_name, region, prefecture_code,
                              granted_yen, starts_on, ends_on, prior_paid_yen, status)
SELECT consortium_id, 'P' || lpad(i::text, 6, '0'), frame_id, 2024, i, '地域人材確保事業' || i, '地域' || i, prefecture_code,
       9000000, date '2024-05-01', date '2025-02-28', 2000000, 'in_progress'
FROM gen_projects;

INSERT INTO project_applicants (consortium_id, project_id, position, organization_id)
SELECT p.consortium_id, p.id, 1, g.secretariat_id
FROM gen_projects g JOIN adopted_projects p ON p.consortium_id = g.consortium_id;

CREATE TEMPORARY TABLE gen_project_ids AS
SELECT row_number() OVER (ORDER BY p.code) AS i, p.consortium_id, p.id,
       (SELECT array_agg(o.id ORDER BY o.code) FROM memberships m JOIN organizations o ON o.id = m.organization_id
        WHERE m.consortium_id = p.consortium_id AND m.role = 'firm') AS firms
FROM adopted_projects p;
CREATE UNIQUE INDEX ON gen_project_ids (i);
ANALYZE gen_project_ids;

-- Lines of one project are contiguous, as they are when each project's file is imported.
INSERT INTO expenses (consortium_id, project_id, line_ref, category, incurred_on, paid_on, payee, description,
                      amount_excl_tax_yen, tax_yen, evidence_ref, firm_id, person_ref, excluded_reason)
SELECT p.consortium_id, p.id, 'L' || n,
       (ARRAY['personnel', 'honoraria', 'travel', 'venue', 'advertising', 'outsourcing', 'equipment', 'consumables',
              'course_operation', 'other'])[1 + (n * 7) % 10],
       date '2024-04-15' + (n % 330),
       CASE WHEN n % 23 = 0 THEN NULL ELSE date '2024-04-15' + (n % 330) + (n % 40) END,
       '支払先' || (n % 997) || '株式会社', '経費明細 ' || n,
       1000 + (n::bigint * 7919) % 150000, (1000 + (n::bigint * 7919) % 150000) / 10,
       CASE WHEN n % 31 = 0 THEN NULL ELSE 'INV-' || n END,
       CASE WHEN p.i % 10 = 0 OR n % 3 = 0 THEN p.firms[1 + n % 5] END,
       CASE WHEN p.i % 10 = 0 THEN 'person-' || (n % 40) END,
       CASE WHEN n % 101 = 0 THEN '査定により除外' END
FROM generate_series(1, :lines) AS n
JOIN gen_project_ids p ON p.i = 1 + ((n - 1)::bigint * :consortia) / :lines;

INSERT INTO events (consortium_id, code, kind, title, starts_on, online)
SELECT p.consortium_id, 'E' || k, (ARRAY['joint_recruiting', 'internship', 'training', 'retention', 'side_job_matching',
                                          'secondment', 'seminar', 'council'])[1 + k % 8],
       '取組' || k, date '2024-04-10' + (k * 7) % 350, k % 3 = 0
FROM gen_project_ids p, generate_series(1, 50) AS k;

INSERT INTO event_participants (consortium_id, event_id, segment, count)
SELECT e.consortium_id, e.id, s.segment, 1 + (e.id + s.n) % 20
FROM events e, (VALUES (1, 'student'), (2, 'new_graduate'), (3, 'employee')) AS s (n, segment);

INSERT INTO placements (consortium_id, firm_id, person_ref, employment_type, started_on, ended_on)
SELECT p.consortium_id, p.firms[1 + k % 5], 'H' || k,
       (ARRAY['full_time', 'full_time', 'side_job', 'internship', 'contract'])[1 + k % 5],
       date '2024-04-01' + (k * 11) % 360,
       CASE WHEN k % 7 = 0 THEN date '2024-04-01' + (k * 11) % 360 + 200 END
FROM gen_project_ids p, generate_series(1, 30) AS k;

-- Each project's advance as its one payment: with the triggers off, migration 0022's rule that
-- prior_paid_yen is the sum of the payments is kept here.
INSERT INTO advance_payments (consortium_id, project_id, sequence, paid_on, amount_yen, created_by)
SELECT consortium_id, id, 1, make_date(fiscal_year, 4, 1), prior_paid_yen, 'generate' FROM adopted_projects WHERE prior_paid_yen > 0;

SET session_replication_role = DEFAULT;
VACUUM ANALYZE;
