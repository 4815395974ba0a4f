import Domain
import Foundation
import Postgres
import Store
import Testing
import TestSupport

/// The same isolation, proved in SQL with nothing of the service in between: a transaction
/// that sets the settings the service sets and drops to jinjibu_app sees and changes only
/// what row-level security allows, in every table that has a consortium_id.
@Suite struct IsolationSQLTests {
    let fixture: WebFixture
    let owner: PostgresConnection
    let tsubame: Int64
    let kobe: Int64

    init() async throws {
        let fixture = try await WebFixture.make()
        self.fixture = fixture
        (owner, tsubame, kobe) = try await offThread {
            let owner = try fixture.ownerConnection()
            let tsubame = try owner.query("SELECT id FROM consortia WHERE code = 'tsubame'")[0].decode(Int64.self, "id")
            let kobe = try owner.query("SELECT id FROM consortia WHERE code = 'kobe'")[0].decode(Int64.self, "id")
            try Self.addActivitiesAndClaims(on: owner)
            return (owner, tsubame, kobe)
        }
    }

    /// A second project of the consortium taken through the grant lifecycle (decision, advance,
    /// claim, approval, inspection, confirmation, settlement), so that the lifecycle tables have
    /// rows of each consortium while the first project stays as the other tests expect it.
    static func addLifecycle(copying project: String, on connection: PostgresConnection) throws {
        let code = project + "-L"
        try connection.execute("""
            INSERT INTO adopted_projects (consortium_id, code, frame_id, fiscal_year, project_name, region, prefecture_code, granted_yen, starts_on, ends_on)
            SELECT consortium_id, \(code), frame_id, fiscal_year, project_name, region, prefecture_code, granted_yen, starts_on, ends_on
            FROM adopted_projects WHERE code = \(project)
            """)
        try connection.execute("""
            INSERT INTO expenses (consortium_id, project_id, line_ref, category, incurred_on, paid_on, payee, amount_excl_tax_yen, evidence_ref)
            SELECT consortium_id, id, 'L-1', 'venue', '2024-06-01', '2024-06-30', '会館', 400000, 'L-1' FROM adopted_projects WHERE code = \(code)
            """)
        _ = try GrantRepository().recordDecision(
            projectCode: code, decidedOn: LocalDate("2024-04-01")!, documentNumber: "第1号", amount: 8_000_000,
            plannedBudget: [.venue: 1_000_000], reason: nil, actor: "seed", on: connection)
        _ = try GrantRepository().recordPayment(projectCode: code, paidOn: LocalDate("2024-07-01")!, amount: 100_000, actor: "seed", on: connection)
        _ = try ClaimRepository().submit(projectCode: code, asOf: LocalDate("2025-03-31")!, reason: nil, actor: "seed", on: connection)
        _ = try ClaimRepository().setStatus(projectCode: code, version: 1, to: .approved, actor: "seed", on: connection)
        let lifecycle = LifecycleRepository()
        _ = try lifecycle.inspect(projectCode: code, inspectedOn: LocalDate("2025-05-20")!, inspector: "地域経済課", findings: nil,
                                  lines: [("L-1", .accepted, nil)], actor: "seed", on: connection)
        _ = try lifecycle.confirm(projectCode: code, confirmedOn: LocalDate("2025-06-10")!, confirmed: nil, reasons: [:], actor: "seed", on: connection)
        _ = try lifecycle.settle(projectCode: code, paidOn: LocalDate("2025-07-01")!, dueOn: nil, amount: nil, actor: "seed", on: connection)
    }

    /// Events, participation, placements, consultations and a claim in both consortia, so
    /// that every consortium-scoped table has rows of each.
    static func addActivitiesAndClaims(on connection: PostgresConnection) throws {
        for (consortium, firm, project) in [("tsubame", "demo-seimitsu", "P-TSUBAME"), ("kobe", "kobe-firm", "P-KOBE")] {
            try connection.execute("""
                WITH c AS (SELECT id FROM consortia WHERE code = \(consortium)),
                     f AS (SELECT id FROM organizations WHERE code = \(firm)),
                     e AS (INSERT INTO events (consortium_id, code, kind, title, starts_on)
                           SELECT c.id, 'E1', 'joint_recruiting', '合同企業説明会', '2024-07-01' FROM c RETURNING consortium_id, id),
                     ef AS (INSERT INTO event_firms (consortium_id, event_id, organization_id) SELECT e.consortium_id, e.id, f.id FROM e, f),
                     ep AS (INSERT INTO event_participants (consortium_id, event_id, segment, count)
                            SELECT e.consortium_id, e.id, 'student', 12 FROM e),
                     pl AS (INSERT INTO placements (consortium_id, firm_id, person_ref, employment_type, started_on)
                            SELECT c.id, f.id, 'P-001', 'full_time', '2024-08-01' FROM c, f RETURNING id)
                INSERT INTO consultations (consortium_id, firm_id, consulted_on, channel) SELECT c.id, f.id, '2024-06-01', 'direct' FROM c, f
                """)
            _ = try ClaimRepository().submit(projectCode: project, asOf: LocalDate("2025-03-31")!, reason: nil, actor: "seed", on: connection)
            try addLifecycle(copying: project, on: connection)
            try connection.execute("""
                WITH c AS (SELECT id FROM consortia WHERE code = \(consortium)),
                     p AS (INSERT INTO plans (consortium_id, code, title, first_year, last_year)
                           SELECT c.id, \("plan-" + consortium), '計画', 2024, 2026 FROM c RETURNING consortium_id, id),
                     k AS (INSERT INTO plan_kpis (consortium_id, plan_id, metric, baseline) SELECT consortium_id, id, 'consultations', 10 FROM p
                           RETURNING consortium_id, plan_id),
                     i AS (INSERT INTO plan_kpi_increments (consortium_id, plan_id, metric, fiscal_year, increment)
                           SELECT consortium_id, plan_id, 'consultations', 2024, 5 FROM k),
                     r AS (INSERT INTO plan_reviews (consortium_id, plan_id, fiscal_year, step, done_on)
                           SELECT consortium_id, id, 2024, 'verification', '2025-07-31' FROM p),
                     inc AS (INSERT INTO income_records (consortium_id, ref, received_on, source, amount_yen)
                             SELECT c.id, 'IN-1', '2024-05-01', 'donations', 1000 FROM c)
                INSERT INTO consortium_costs (consortium_id, ref, incurred_on, amount_yen) SELECT c.id, 'CO-1', '2024-05-01', 2000 FROM c
                """)
            // The senior-mentor programme: a session, a registered mentor and a match there.
            try connection.execute("""
                WITH c AS (SELECT id FROM consortia WHERE code = \(consortium)),
                     f AS (SELECT id FROM organizations WHERE code = \(firm)),
                     e AS (INSERT INTO events (consortium_id, code, kind, title, starts_on)
                           SELECT c.id, 'M1', 'mentor_session', '新現役交流会', '2024-09-20' FROM c RETURNING consortium_id, id),
                     ef AS (INSERT INTO event_firms (consortium_id, event_id, organization_id)
                            SELECT e.consortium_id, e.id, f.id FROM e, f RETURNING consortium_id, event_id, organization_id),
                     m AS (INSERT INTO mentors (consortium_id, ref, registered_on) SELECT c.id, 'MM-01', '2023-04-01' FROM c
                           RETURNING consortium_id, id)
                INSERT INTO mentor_matches (consortium_id, event_id, organization_id, mentor_id)
                SELECT ef.consortium_id, ef.event_id, ef.organization_id, m.id FROM ef, m
                """)
        }
    }

    /// Every base table with a consortium_id, except the audit trail (its own policy) and the
    /// account table that maps users to consortia (closed to the service role).
    func scopedTables() throws -> [String] {
        try owner.query("""
            SELECT c.table_name FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = 'public' AND c.column_name = 'consortium_id' AND t.table_type = 'BASE TABLE'
              AND c.table_name NOT IN ('audit_log', 'user_consortia')
            ORDER BY 1
            """).map { try $0.decode(String.self, "table_name") }
    }

    /// Runs `body` in a transaction as the service would for the given caller, then rolls back.
    func asCaller<T>(role: String, consortia: [Int64] = [], bureau: String? = nil, _ body: (PostgresConnection) throws -> T) throws -> T {
        let connection = try PostgresConnection(settings: fixture.settings)
        defer { connection.close() }
        var result: T?
        do {
            try connection.transaction { connection in
                let list = "{" + consortia.map(String.init).joined(separator: ",") + "}"
                try connection.execute("""
                    SELECT set_config('jinjibu.role', \(role), true), set_config('jinjibu.consortia', \(list), true),
                           set_config('jinjibu.bureau', \(bureau ?? ""), true), set_config('jinjibu.actor', 'test', true)
                    """)
                try connection.execute("SET LOCAL ROLE jinjibu_app")
                result = try body(connection)
                throw TestRollback()
            }
        } catch is TestRollback {}
        return result!
    }

    func count(_ table: String, consortium: Int64, on connection: PostgresConnection) throws -> Int {
        try connection.query("SELECT count(*) AS n FROM \(unsafeRaw: table) WHERE consortium_id = \(consortium)")[0].decode(Int.self, "n")
    }

    @Test func everyScopedTableHasRowLevelSecurityAndRowsOfBothConsortia() async throws {
        try await offThread { [self] in
            let tables = try scopedTables()
            #expect(tables.count >= 12)
            for table in tables {
                let enabled = try owner.query("SELECT relrowsecurity FROM pg_class WHERE oid = \(table)::regclass")[0].decode(Bool.self, "relrowsecurity")
                #expect(enabled, "\(table) has no row-level security")
                #expect(try count(table, consortium: kobe, on: owner) > 0, "\(table) has no row of kobe to hide")
                #expect(try count(table, consortium: tsubame, on: owner) > 0, "\(table) has no row of tsubame to show")
            }
        }
    }

    @Test func aSecretariatReadsOnlyItsOwnRows() async throws {
        try await offThread { [self] in
            for table in try scopedTables() {
                let (own, other, foreign) = try asCaller(role: "secretariat", consortia: [tsubame]) { connection in
                    (try count(table, consortium: tsubame, on: connection), try count(table, consortium: kobe, on: connection),
                     try connection.query("SELECT count(*) AS n FROM \(unsafeRaw: table) WHERE consortium_id <> \(tsubame)")[0].decode(Int.self, "n"))
                }
                #expect(own == (try count(table, consortium: tsubame, on: owner)), "\(table)")
                #expect(other == 0 && foreign == 0, "\(table)")
            }
            let (organizations, consortia) = try asCaller(role: "secretariat", consortia: [tsubame]) { connection in
                (try connection.query("SELECT code FROM organizations ORDER BY code").map { try $0.decode(String.self, "code") },
                 try connection.query("SELECT code FROM consortia").map { try $0.decode(String.self, "code") })
            }
            #expect(!organizations.contains("kobe-firm") && !organizations.contains("kobe-sec") && organizations.contains("demo-seimitsu"))
            #expect(consortia == ["tsubame"])
        }
    }

    @Test func aSecretariatCannotChangeAnotherConsortiumsRows() async throws {
        try await offThread { [self] in
            for table in try scopedTables() {
                let (updated, deleted) = try asCaller(role: "secretariat", consortia: [tsubame]) { connection in
                    (try connection.execute("UPDATE \(unsafeRaw: table) SET consortium_id = consortium_id WHERE consortium_id = \(kobe)"),
                     try connection.execute("DELETE FROM \(unsafeRaw: table) WHERE consortium_id = \(kobe)"))
                }
                #expect(updated == 0 && deleted == 0, "\(table)")
                // Copying one of kobe's rows (read as the owner) into kobe is refused.
                let row = try owner.query("""
                    SELECT to_jsonb(t) AS row FROM \(unsafeRaw: table) t WHERE consortium_id = \(kobe) LIMIT 1
                    """)[0].decode(String.self, "row")
                let refused = try asCaller(role: "secretariat", consortia: [tsubame]) { connection -> PostgresError? in
                    do {
                        try connection.execute("""
                            INSERT INTO \(unsafeRaw: table) OVERRIDING SYSTEM VALUE
                            SELECT * FROM jsonb_populate_record(NULL::\(unsafeRaw: table),
                                \(row)::jsonb || CASE WHEN \(row)::jsonb ? 'id' THEN jsonb_build_object('id', (\(row)::jsonb ->> 'id')::bigint + 1000000) ELSE '{}' END)
                            """)
                        return nil
                    } catch let error as PostgresError {
                        return error
                    }
                }
                #expect(refused != nil, "\(table): inserting a row of kobe was accepted")
            }
            let renamed = try asCaller(role: "secretariat", consortia: [tsubame]) { connection in
                try connection.execute("UPDATE organizations SET name = 'x' WHERE code = 'kobe-firm'")
            }
            #expect(renamed == 0)
        }
    }

    @Test func aViewerReadsItsConsortiumButChangesNothing() async throws {
        try await offThread { [self] in
            for table in try scopedTables() {
                let (seen, updated, deleted) = try asCaller(role: "viewer", consortia: [tsubame]) { connection in
                    (try count(table, consortium: tsubame, on: connection),
                     try connection.execute("UPDATE \(unsafeRaw: table) SET consortium_id = consortium_id"),
                     try connection.execute("DELETE FROM \(unsafeRaw: table) WHERE consortium_id = \(tsubame)"))
                }
                #expect(seen > 0 && updated == 0 && deleted == 0, "\(table)")
            }
            #expect(throws: PostgresError.self) {
                try asCaller(role: "viewer", consortia: [tsubame]) { connection in
                    try connection.execute("INSERT INTO organizations (code, kind, name) VALUES ('v1', 'company', 'x')")
                }
            }
        }
    }

    @Test func aBureauReadsItsPrefecturesAndMayOnlyDecide() async throws {
        try await offThread { [self] in
            for table in try scopedTables() {
                let (own, other) = try asCaller(role: "bureau", bureau: "kanto") { connection in
                    (try count(table, consortium: tsubame, on: connection), try count(table, consortium: kobe, on: connection))
                }
                #expect(own > 0 && other == 0, "\(table)")
            }
            // Status and grant are the bureau's; the plan is not; kinki's projects are out of reach.
            let (status, elsewhere) = try asCaller(role: "bureau", bureau: "kanto") { connection in
                (try connection.execute("UPDATE adopted_projects SET status = 'grant_decided' WHERE code = 'P-TSUBAME'"),
                 try connection.execute("UPDATE adopted_projects SET status = 'grant_decided' WHERE code = 'P-KOBE'"))
            }
            #expect(status == 1 && elsewhere == 0)
            #expect(throws: PostgresError.self) {
                try asCaller(role: "bureau", bureau: "kanto") { connection in
                    try connection.execute("UPDATE adopted_projects SET project_name = 'x' WHERE code = 'P-TSUBAME'")
                }
            }
            let expenses = try asCaller(role: "bureau", bureau: "kanto") { connection in
                try connection.execute("UPDATE expenses SET payee = 'x'")
            }
            #expect(expenses == 0)
        }
    }

    /// The organisations a caller reads are those tied to a consortium it reads, firms named
    /// only in expense lines included (found by skipping through an index since 0035): the
    /// function's set equals the ties read directly, for each kind of caller.
    @Test func theOrganizationsACallerReadsAreTheTiesOfItsConsortiaExpenseFirmsIncluded() async throws {
        try await offThread { [self] in
            // Three firms per consortium named only in expense lines, each on several lines and
            // interleaved with the other consortium's, next to lines that name none.
            for (consortium, project) in [("tsubame", "P-TSUBAME"), ("kobe", "P-KOBE")] {
                try owner.execute("""
                    INSERT INTO adopted_projects (consortium_id, code, frame_id, fiscal_year, project_name, region, prefecture_code, granted_yen, starts_on, ends_on)
                    SELECT consortium_id, \(project + "-F"), frame_id, fiscal_year, project_name, region, prefecture_code, granted_yen, starts_on, ends_on
                    FROM adopted_projects WHERE code = \(project)
                    """)
                try owner.execute("""
                    INSERT INTO organizations (code, kind, name)
                    SELECT \(consortium) || '-expense-firm-' || n, 'company', '経費の相手先' || n FROM generate_series(1, 3) n
                    """)
            }
            try owner.execute("""
                INSERT INTO expenses (consortium_id, project_id, line_ref, category, incurred_on, paid_on, payee, amount_excl_tax_yen, evidence_ref, firm_id)
                SELECT p.consortium_id, p.id, 'F-' || n, 'venue', '2024-06-01', '2024-06-30', '会館', 1000 * n, 'F-' || n,
                       CASE WHEN n % 4 = 0 THEN NULL ELSE o.id END
                FROM generate_series(1, 12) n
                JOIN adopted_projects p ON p.code IN ('P-TSUBAME-F', 'P-KOBE-F')
                JOIN consortia c ON c.id = p.consortium_id
                JOIN organizations o ON o.code = c.code || '-expense-firm-' || (3 - n % 3)
                """)
            let callers: [(role: String, consortia: [Int64], bureau: String?)] = [
                ("secretariat", [tsubame], nil), ("secretariat", [kobe], nil), ("secretariat", [tsubame, kobe], nil),
                ("viewer", [kobe], nil), ("bureau", [], "kanto"), ("bureau", [], "kinki"), ("bureau", [], "tohoku"),
            ]
            for caller in callers {
                let (readableConsortia, organizations, expenseFirms) = try asCaller(
                    role: caller.role, consortia: caller.consortia, bureau: caller.bureau
                ) { connection in
                    let row = try connection.query("""
                        SELECT app_readable_consortia()::text AS consortia, app_readable_organizations()::text AS organizations,
                               (SELECT string_agg(code, ',' ORDER BY code) FROM organizations WHERE code LIKE '%-expense-firm-%') AS expense_firms
                        """)[0]
                    return (try row.decode(String.self, "consortia"), try row.decode(String.self, "organizations"),
                            try row.decode(String?.self, "expense_firms"))
                }
                let direct = try owner.query("""
                    SELECT coalesce(array_agg(DISTINCT t.id ORDER BY t.id), '{}')::text AS organizations FROM (
                        SELECT organization_id AS id FROM memberships WHERE consortium_id = ANY (\(readableConsortia)::bigint[])
                        UNION ALL SELECT secretariat_id FROM consortia WHERE id = ANY (\(readableConsortia)::bigint[])
                        UNION ALL SELECT organization_id FROM project_applicants WHERE consortium_id = ANY (\(readableConsortia)::bigint[])
                        UNION ALL SELECT firm_id FROM consultations WHERE consortium_id = ANY (\(readableConsortia)::bigint[])
                        UNION ALL SELECT referred_to_id FROM consultations WHERE consortium_id = ANY (\(readableConsortia)::bigint[])
                        UNION ALL SELECT referred_by_id FROM consultations WHERE consortium_id = ANY (\(readableConsortia)::bigint[])
                        UNION ALL SELECT organization_id FROM event_firms WHERE consortium_id = ANY (\(readableConsortia)::bigint[])
                        UNION ALL SELECT firm_id FROM expenses WHERE consortium_id = ANY (\(readableConsortia)::bigint[])) t
                    WHERE t.id IS NOT NULL
                    """)[0].decode(String.self, "organizations")
                let label = "\(caller.role) \(caller.bureau ?? caller.consortia.map(String.init).joined(separator: ","))"
                #expect(Set(try PostgresTextArray.parse(organizations)) == Set(try PostgresTextArray.parse(direct)), "\(label)")
                let readable = Set(try PostgresTextArray.parse(readableConsortia))
                let readsTsubame = readable.contains(String(tsubame)), readsKobe = readable.contains(String(kobe))
                let expected = (readsKobe ? (1...3).map { "kobe-expense-firm-\($0)" } : [])
                    + (readsTsubame ? (1...3).map { "tsubame-expense-firm-\($0)" } : [])
                #expect((expenseFirms?.split(separator: ",").map(String.init) ?? []) == expected, "\(label)")
            }
        }
    }

    /// A bureau's readable consortia are kept for the rest of its transaction (0036), for its
    /// own bureaus only: a scope entered afresh in the same transaction reads its own.
    @Test func aBureauReadsItsOwnPrefecturesAfterAnotherBureausScopeInTheSameTransaction() async throws {
        try await offThread { [self] in
            let (kanto, kinki, kantoAgain) = try asCaller(role: "bureau", bureau: "kanto") { connection in
                func readable() throws -> Set<Int64> {
                    Set(try connection.query("SELECT id FROM consortia").map { try $0.decode(Int64.self, "id") })
                }
                let kanto = try readable()
                try connection.execute("SELECT set_config('jinjibu.bureau', 'kinki', true)")
                let kinki = try readable()
                try connection.execute("SELECT set_config('jinjibu.bureau', 'kanto', true)")
                return (kanto, kinki, try readable())
            }
            #expect(kanto.contains(tsubame) && !kanto.contains(kobe))
            #expect(kinki.contains(kobe) && !kinki.contains(tsubame))
            #expect(kantoAgain == kanto)
        }
    }

    /// A bureau's readable organizations are kept for the rest of its transaction (0037), for
    /// its own bureaus only; a secretariat's are found afresh in every statement, since its own
    /// writes tie organizations: a member it adds is readable at once.
    @Test func aBureauKeepsItsOrganizationsForItsTransactionAndASecretariatSeesItsNewMemberAtOnce() async throws {
        try await offThread { [self] in
            // demo-seimitsu is registered for tsubame (Kanto); a membership in kobe (Kinki) ties
            // it to kobe, so Kinki reads it only through app_readable_organizations().
            let seimitsu = try owner.query("SELECT id FROM organizations WHERE code = 'demo-seimitsu'")[0].decode(Int64.self, "id")
            let membership: PostgresQuery = """
                INSERT INTO memberships (consortium_id, organization_id, role, joined_on) VALUES (\(kobe), \(seimitsu), 'firm', '2024-04-01')
                """
            let seen = { (connection: PostgresConnection) throws -> (visible: Bool, kept: String?) in
                let visible = try connection.query("SELECT count(*)::int AS n FROM organizations WHERE id = \(seimitsu)")[0].decode(Int.self, "n") == 1
                let kept = try connection.query("SELECT current_setting('jinjibu.readable_organizations', true) AS kept")[0].decode(String?.self, "kept")
                return (visible, kept.flatMap { $0.isEmpty ? nil : String($0.prefix { $0 != "=" }) })
            }
            let beforeAndAfter = try asCaller(role: "secretariat", consortia: [kobe]) { connection in
                let before = try seen(connection)
                try connection.execute(membership)
                return (before, try seen(connection))
            }
            #expect(beforeAndAfter.0.visible == false && beforeAndAfter.1.visible == true)
            #expect(beforeAndAfter.0.kept == nil && beforeAndAfter.1.kept == nil)

            try owner.execute(membership)
            defer { _ = try? owner.execute("DELETE FROM memberships WHERE consortium_id = \(kobe) AND organization_id = \(seimitsu)") }
            let (kinki, kanto, kinkiAgain) = try asCaller(role: "bureau", bureau: "kinki") { connection in
                let kinki = try seen(connection)
                try connection.execute("SELECT set_config('jinjibu.bureau', 'kanto', true)")
                // Kanto reads it as registered for tsubame; its own set is kept under its name.
                _ = try connection.query("SELECT count(*) AS n FROM organizations WHERE NOT (registered_for && ARRAY[\(tsubame)]::bigint[])")
                let kanto = try seen(connection)
                try connection.execute("SELECT set_config('jinjibu.bureau', 'kinki', true)")
                return (kinki, kanto, try seen(connection))
            }
            #expect(kinki.visible && kinki.kept == "{kinki}")
            #expect(kanto.visible && kanto.kept == "{kanto}")
            #expect(kinkiAgain.visible && kinkiAgain.kept == "{kinki}")
        }
    }

    @Test func noScopeSeesNothingAndTheAuditTrailCannotBeForged() async throws {
        try await offThread { [self] in
            for table in try scopedTables() + ["organizations", "consortia", "audit_log"] {
                let seen = try asCaller(role: "") { connection in
                    try connection.query("SELECT count(*) AS n FROM \(unsafeRaw: table)")[0].decode(Int.self, "n")
                }
                #expect(seen == 0, "\(table)")
            }
            #expect(throws: PostgresError.self) {
                try asCaller(role: "admin") { connection in
                    try connection.execute("INSERT INTO audit_log (actor, table_name, operation) VALUES ('forged', 'x', 'INSERT')")
                }
            }
            #expect(throws: PostgresError.self) {
                try asCaller(role: "admin") { connection in try connection.query("SELECT count(*) AS n FROM users") }
            }
        }
    }

    @Test func aSecretariatMaySubmitButNotApproveAClaim() async throws {
        try await offThread { [self] in
            #expect(throws: PostgresError.self) {
                try asCaller(role: "secretariat", consortia: [tsubame]) { connection in
                    try connection.execute("UPDATE claims SET status = 'approved' WHERE consortium_id = \(tsubame)")
                }
            }
            // An approval is the bureau's act, recorded as a review of the version it approves.
            #expect(throws: PostgresError.self) {
                try asCaller(role: "bureau", bureau: "kanto") { connection in
                    try connection.execute("UPDATE claims SET status = 'approved' WHERE consortium_id = \(tsubame) AND status = 'submitted'")
                }
            }
            let approved = try asCaller(role: "bureau", bureau: "kanto") { connection -> Int in
                try connection.execute("""
                    INSERT INTO claim_reviews (consortium_id, claim_id, decision, decided_by)
                    SELECT consortium_id, id, 'approved', 'test' FROM claims WHERE consortium_id = \(tsubame) AND status = 'submitted'
                    """)
                return try connection.execute("UPDATE claims SET status = 'approved' WHERE consortium_id = \(tsubame) AND status = 'submitted'")
            }
            #expect(approved == 1)
        }
    }
}

/// Thrown to end a test transaction without committing.
struct TestRollback: Error {}
