-- The tables with many rows per consortium read through a hashed lookup of the readable
-- consortia (issue #18).
--
-- Every table's read policy asks `consortium_id = ANY (app_readable_consortia())`, which
-- compares each row with every consortium of the set in turn: for a secretariat one or a few,
-- for the Kanto bureau on the load benchmark's data 238. A bureau's statement over many rows
-- paid that per row: counting and summing the 238,000 expense lines of its consortia took
-- 846 ms, 161 ms with `consortium_id IN (SELECT unnest(app_readable_consortia()))`, the same
-- set as a hashed subplan (0038 did the same for the organisations). The bureau report's page
-- as that bureau: 455 ms, 350 ms with this migration.
--
-- The hash is built once per statement, though, about 25 µs for 238 consortia, which costs
-- more than comparing the few rows a statement reads of the tables that have a row or a few
-- per project (claims and their lines, decisions, payments, the lifecycle's records, plans):
-- with every table hashed, pgbench on a bureau's stored-claim read ran 17 % slower (1,757
-- against 2,076 transactions/s; 2,257 as this migration stands). So only the tables whose rows grow with a consortium's
-- activity (expense lines, events and who took part, placements, consultations, members,
-- mentoring, income and costs, inspection lines, plan increments) and the audit trail change;
-- the others keep the comparison. The rows each role reads are unchanged: IsolationSQLTests
-- reads every scoped table as each role, IsolationAPITests and the other scope tests through
-- the API. Only the read policies: the bureau's and reviewer's update and delete policies
-- reach the few rows of one project.

ALTER POLICY tenant_read ON consortium_costs
    USING ((SELECT app_role()) = 'admin' OR consortium_id IN (SELECT unnest(app_readable_consortia())));
ALTER POLICY tenant_read ON consultations
    USING ((SELECT app_role()) = 'admin' OR consortium_id IN (SELECT unnest(app_readable_consortia())));
ALTER POLICY tenant_read ON event_firms
    USING ((SELECT app_role()) = 'admin' OR consortium_id IN (SELECT unnest(app_readable_consortia())));
ALTER POLICY tenant_read ON event_participants
    USING ((SELECT app_role()) = 'admin' OR consortium_id IN (SELECT unnest(app_readable_consortia())));
ALTER POLICY tenant_read ON events
    USING ((SELECT app_role()) = 'admin' OR consortium_id IN (SELECT unnest(app_readable_consortia())));
ALTER POLICY tenant_read ON expenses
    USING ((SELECT app_role()) = 'admin' OR consortium_id IN (SELECT unnest(app_readable_consortia())));
ALTER POLICY tenant_read ON income_records
    USING ((SELECT app_role()) = 'admin' OR consortium_id IN (SELECT unnest(app_readable_consortia())));
ALTER POLICY tenant_read ON inspection_lines
    USING ((SELECT app_role()) = 'admin' OR consortium_id IN (SELECT unnest(app_readable_consortia())));
ALTER POLICY tenant_read ON memberships
    USING ((SELECT app_role()) = 'admin' OR consortium_id IN (SELECT unnest(app_readable_consortia())));
ALTER POLICY tenant_read ON mentor_matches
    USING ((SELECT app_role()) = 'admin' OR consortium_id IN (SELECT unnest(app_readable_consortia())));
ALTER POLICY tenant_read ON placements
    USING ((SELECT app_role()) = 'admin' OR consortium_id IN (SELECT unnest(app_readable_consortia())));
ALTER POLICY tenant_read ON plan_kpi_increments
    USING ((SELECT app_role()) = 'admin' OR consortium_id IN (SELECT unnest(app_readable_consortia())));
ALTER POLICY tenant_read ON audit_log
    USING ((SELECT app_role()) = 'admin'
           OR consortium_id IN (SELECT unnest(app_readable_consortia()))
           OR (table_name = 'organizations' AND row_id IN (SELECT unnest(app_readable_organizations()))));
