-- Organisations read through a hashed lookup of the readable set (issue #18).
--
-- The organisations' read policy asked `id = ANY (app_readable_organizations())`, which
-- compares a row's id with every element of the set in turn: for the Kanto bureau on the load
-- benchmark's data (1,000 consortia) about 1,400 comparisons for each organisation a statement
-- looks at. A consortium's member list, whose prepared plan walks the organisations in code
-- order and checks each for a membership, spent 32–42 ms of a bureau's web page in it.
-- `id IN (SELECT unnest(...))` is the same set as a hashed subplan: built once per statement,
-- when a row first needs it (a row registered for a readable consortium still never does),
-- then one probe per row: 5.5 ms for the same list. The rows each role reads are unchanged
-- (IsolationSQLTests compares them with the ties read directly, SharedOrganizationTests).

ALTER POLICY tenant_read ON organizations
    USING ((SELECT app_role()) = 'admin'
           OR registered_for && (SELECT app_readable_consortia())
           OR id IN (SELECT unnest(app_readable_organizations())));
