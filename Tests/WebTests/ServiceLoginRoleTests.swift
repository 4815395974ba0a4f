import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Postgres
import Store
import Testing
import TestSupport
@testable import Web

/// The service logging in as a role of its own, as deploy/OPERATIONS.md advises for production
/// (the other suites run it as the cluster's superuser, which row-level security does not
/// restrict): given what `jinjibu migrate --service-role` grants and nothing more, every way in
/// finds the caller's consortia before the request's scope is entered, and row-level security
/// still decides what the caller reads.
@Suite struct ServiceLoginRoleTests {
    /// A login role that owns nothing, prepared by the migrator as the CLI prepares it, and a
    /// pool of the service's connections logging in as it.
    static func serviceRole(for fixture: WebFixture) throws -> (role: String, pool: PostgresPool) {
        let owner = try fixture.ownerConnection()
        defer { owner.close() }
        let database = try #require(fixture.settings.parameters["dbname"])
        let role = "web_\(database)"
        try owner.executeScript(unsafeSQL: "CREATE ROLE \(role) LOGIN")
        try Migrator(files: SQLFiles.locate()).grantServiceRole(role, on: owner)
        _ = try ClaimRepository().submit(projectCode: "P-TSUBAME", asOf: LocalDate("2025-03-31")!, reason: nil, actor: "seed", on: owner)
        var settings = fixture.settings
        settings.parameters["user"] = role
        return (role, PostgresPool(configuration: .init(settings: settings, maximumConnections: 4)))
    }

    static func withClient(
        _ fixture: WebFixture, pool: PostgresPool, _ body: @escaping @Sendable (APIClient, PageClient) async throws -> Void
    ) async throws {
        let app = buildApplication(configuration: fixture.configuration, pool: pool)
        try await app.test(.router) { client in
            try await body(APIClient(client: client, tokens: fixture.tokens), PageClient(client: client))
        }
        await pool.shutdown()
    }

    @Test func everyWayInFindsTheCallersConsortiaAndRowLevelSecurityStillApplies() async throws {
        let fixture = try await WebFixture.make()
        let (role, pool) = try await offThread { try Self.serviceRole(for: fixture) }
        try await Self.withClient(fixture, pool: pool) { api, pages in
            // Bearer token, looked up and then the scope entered (the lists).
            #expect(try await api.get("/api/v1/consortia", as: .secA).items.compactMap { $0["code"] as? String } == ["tsubame"])
            #expect(try await api.get("/api/v1/consortia", as: .secB).items.compactMap { $0["code"] as? String } == ["kobe"])
            #expect(try await api.get("/api/v1/projects", as: .viewA).items.compactMap { $0["code"] as? String } == ["P-TSUBAME"])
            // Bearer token checked in the read's own pipeline (the stored claim, migration 0031).
            #expect(try await api.get("/api/v1/projects/P-TSUBAME/claims/1", as: .secA).status == .ok)
            #expect(try await api.get("/api/v1/projects/P-TSUBAME/claims/1", as: .kanto).status == .ok)
            #expect(try await api.get("/api/v1/projects/P-TSUBAME/claims/1", as: .secB).status == .notFound)
            #expect(try await api.get("/api/v1/projects/P-TSUBAME/claims/1", as: .kinki).status == .notFound)
            // Session: signing in, then a page of the consortium and its history (who recorded what).
            let session = try await pages.login(.secA)
            let members = try await pages.get("/consortia/tsubame/members", session: session)
            #expect(members.status == .ok)
            #expect(try await pages.get("/consortia/kobe/members", session: session).status == .notFound)
            let membership = try #require(try await api.get("/api/v1/consortia/tsubame/memberships", as: .secA).items.first?["id"] as? Int)
            let read = try await api.get("/api/v1/consortia/tsubame/memberships/\(membership)", as: .secA)
            let changed = try await api.request(.patch, "/api/v1/consortia/tsubame/memberships/\(membership)", as: .secA,
                                                json: ["left_on": "2025-03-31"], headers: [.ifMatch: try #require(read.etag)])
            #expect(changed.status == .ok)
            let history = try await pages.get("/consortia/tsubame/members/\(membership)/history", session: session)
            #expect(history.status == .ok)
            #expect(history.text.contains("事務局"), "the party who changed it, read from the accounts outside the scope")
            // Imports: the generic one and the expenses' own (staging tables, statement-level audit).
            let organizations = "code,kind,name,corporate_number\nsvc-1,company,一社目,\n"
            #expect(try await api.request(.post, "/api/v1/imports/organizations", as: .secA, body: Data(organizations.utf8)).json["inserted"] as? Int == 1)
            let expenses = """
                project,category,incurred_on,paid_on,payee,amount_excl_tax_yen,tax_yen,evidence_ref
                P-TSUBAME,travel,2024-08-01,2024-08-10,JR東日本,24000,2400,R-900
                """
            let imported = try await api.request(.post, "/api/v1/imports/expenses", as: .secA, body: Data(expenses.utf8))
            #expect(imported.status == .ok, "\(imported.text)")
            #expect(try await api.request(.post, "/api/v1/imports/expenses", as: .secB, body: Data(expenses.utf8)).status == .unprocessableContent)
            // A token of one's own, listed outside any scope.
            #expect(try await api.get("/api/v1/tokens", as: .secA).status == .ok)
        }
        // The role itself reads no consortium's data outside a scope: it does not bypass the policies.
        try await offThread {
            var settings = fixture.settings
            settings.parameters["user"] = role
            let connection = try PostgresConnection(settings: settings)
            defer { connection.close() }
            // What `serve` checks before it starts, as the service.
            #expect(try Migrator(files: SQLFiles.locate()).pending(on: connection).isEmpty)
            #expect(try connection.query("SELECT count(*)::int AS n FROM consortia")[0].decode(Int.self, "n") == 0)
            #expect(try connection.query("SELECT count(*)::int AS n FROM expenses")[0].decode(Int.self, "n") == 0)
            // Nor can it, or a request's scope, list another user's consortia through the lookup's function.
            try connection.execute("SET ROLE jinjibu_app")
            #expect(throws: PostgresError.self) { try connection.query("SELECT * FROM app_account_consortia(1)") }
        }
    }

    @Test func aRoleThatWouldBypassRowLevelSecurityOrCannotLogInIsRefused() async throws {
        let fixture = try await WebFixture.make()
        try await offThread {
            let owner = try fixture.ownerConnection()
            defer { owner.close() }
            let database = try #require(fixture.settings.parameters["dbname"])
            let migrator = try Migrator(files: SQLFiles.locate())
            let superuser = try owner.query("SELECT current_user::text AS who")[0].decode(String.self, "who")
            try owner.executeScript(unsafeSQL: "CREATE ROLE bypass_\(database) LOGIN BYPASSRLS; CREATE ROLE group_\(database) NOLOGIN")
            for (role, problem) in [(superuser, "bypasses"), ("bypass_\(database)", "bypasses"), ("group_\(database)", "no login role"),
                                    ("nobody_\(database)", "no login role")] {
                let error = #expect(throws: StoreError.self) { try migrator.grantServiceRole(role, on: owner) }
                #expect(error?.description.contains(problem) == true, "\(role): \(String(describing: error))")
            }
            #expect(try owner.query("SELECT pg_has_role(\("group_" + database)::name, 'jinjibu_app', 'MEMBER') AS member")[0].decode(Bool.self, "member") == false)
        }
    }

    /// The operator's way: `jinjibu migrate --service-role NAME` as the owner, on every migrate.
    @Test(.timeLimit(.minutes(2)))
    func migrateGivesTheServiceRoleItsPrivilegesAndRefusesOneThatCannotLogIn() async throws {
        let settings = try TestCluster.freshDatabase()
        let database = try #require(settings.parameters["dbname"])
        try await offThread {
            let owner = try PostgresConnection(settings: settings)
            defer { owner.close() }
            try owner.executeScript(unsafeSQL: "CREATE ROLE cli_\(database) LOGIN")
        }
        let environment = ["DATABASE_URL": RunningService.url(settings)]
        let granted = try await CommandLineTests.jinjibu(["migrate", "--service-role", "cli_\(database)"], environment: environment)
        #expect(granted.status == 0, "\(granted.errors)")
        #expect(granted.output.contains("cli_\(database)"), "\(granted.output)")
        let refused = try await CommandLineTests.jinjibu(["migrate", "--service-role", "nobody_\(database)"], environment: environment)
        #expect(refused.status == 1)
        #expect(refused.errors.contains("no login role nobody_\(database)"), "\(refused.errors)")
        try await offThread {
            let owner = try PostgresConnection(settings: settings)
            defer { owner.close() }
            let member = try owner.query("SELECT pg_has_role(\("cli_" + database)::name, 'jinjibu_app', 'MEMBER') AS member")
            #expect(try member[0].decode(Bool.self, "member"))
        }
    }

    /// `jinjibu serve` as a login role that was never prepared, not even to read which
    /// migrations are applied, or prepared only that far: both refused at start with the
    /// command to run, no PostgreSQL text.
    @Test(.timeLimit(.minutes(2)))
    func serveRefusesAnUnpreparedRoleNamingTheCommandToRun() async throws {
        let settings = try TestCluster.freshDatabase()
        let database = try #require(settings.parameters["dbname"])
        let (bare, reading) = ("bare_\(database)", "reading_\(database)")
        try await offThread {
            let owner = try PostgresConnection(settings: settings)
            defer { owner.close() }
            try owner.executeScript(unsafeSQL: """
                CREATE ROLE \(bare) LOGIN; CREATE ROLE \(reading) LOGIN; GRANT SELECT ON schema_migrations TO \(reading)
                """)
        }
        for role in [bare, reading] {
            var own = settings
            own.parameters["user"] = role
            let port = try LoopbackClient.freePort()
            let refused = try await CommandLineTests.jinjibu(["serve", "--port", "\(port)"], environment: ["DATABASE_URL": RunningService.url(own)])
            #expect(refused.status == 1, "\(role): \(refused.errors)")
            #expect(refused.errors.contains("jinjibu migrate --service-role \(role)"), "\(role): \(refused.errors)")
            #expect(!refused.errors.contains("permission denied") && !refused.errors.contains("42501"), "\(role): \(refused.errors)")
        }
    }

    /// Two deploy replicas starting at once, each running `jinjibu migrate --service-role` on
    /// one database: both succeed, and the role can serve afterwards.
    @Test(.timeLimit(.minutes(3)))
    func twoMigratesWithTheServiceRoleAtOnceBothSucceed() async throws {
        let settings = try TestCluster.freshDatabase(empty: true)
        let role = "replica_\(try #require(settings.parameters["dbname"]))"
        try await offThread {
            let owner = try PostgresConnection(settings: settings)
            defer { owner.close() }
            try owner.executeScript(unsafeSQL: "CREATE ROLE \(role) LOGIN")
        }
        let environment = ["DATABASE_URL": RunningService.url(settings)]
        async let first = CommandLineTests.jinjibu(["migrate", "--service-role", role], environment: environment)
        async let second = CommandLineTests.jinjibu(["migrate", "--service-role", role], environment: environment)
        for outcome in try await [first, second] {
            #expect(outcome.status == 0, "\(outcome.errors)")
        }
        try await offThread {
            var own = settings
            own.parameters["user"] = role
            let connection = try PostgresConnection(settings: own)
            defer { connection.close() }
            try Migrator(files: SQLFiles.locate()).checkServiceRole(on: connection)
        }
    }

    /// The same race where it is most likely, repeated: GRANTs to one role on the same objects
    /// from two sessions at once fail ("tuple concurrently updated") unless the migrator
    /// serialises them.
    @Test func grantsToTheServiceRoleFromTwoSessionsAtOnceAllSucceed() async throws {
        let settings = try TestCluster.freshDatabase()
        let role = "racer_\(try #require(settings.parameters["dbname"]))"
        try await offThread {
            let owner = try PostgresConnection(settings: settings)
            defer { owner.close() }
            try owner.executeScript(unsafeSQL: "CREATE ROLE \(role) LOGIN")
        }
        let migrator = try Migrator(files: SQLFiles.locate())
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    try await offThread {
                        let owner = try PostgresConnection(settings: settings)
                        defer { owner.close() }
                        for _ in 0..<25 { try migrator.grantServiceRole(role, on: owner) }
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// `serve` refuses to start as a login role not prepared; a role set up by hand before 0032
    /// (EXECUTE on 0031's function, as OPERATIONS.md said) keeps working after the upgrade.
    @Test func aRoleNotPreparedIsRefusedAtStartAndOneSetUpBefore0032KeepsWorking() async throws {
        let settings = try TestCluster.freshDatabase(empty: true)
        let database = try #require(settings.parameters["dbname"])
        try await offThread {
            let owner = try PostgresConnection(settings: settings)
            defer { owner.close() }
            // The migrations up to 0031, from a copy of the SQL files without the later ones.
            let files = try SQLFiles.locate()
            let older = TestCluster.scratchDirectory("sql-0031")
            defer { try? FileManager.default.removeItem(at: older) }
            let migrations = older.appendingPathComponent("migrations")
            try FileManager.default.createDirectory(at: migrations, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: files.referenceDirectory, to: older.appendingPathComponent("reference"))
            for name in try FileManager.default.contentsOfDirectory(atPath: files.migrationsDirectory.path) where name < "0032" {
                try FileManager.default.copyItem(at: files.migrationsDirectory.appendingPathComponent(name), to: migrations.appendingPathComponent(name))
            }
            try Migrator(files: SQLFiles(root: older)).migrate(on: owner)
            let (byHand, bare) = ("hand_\(database)", "bare_\(database)")
            try owner.executeScript(unsafeSQL: """
                CREATE ROLE \(byHand) LOGIN IN ROLE jinjibu_app; CREATE ROLE \(bare) LOGIN IN ROLE jinjibu_app;
                GRANT SELECT, INSERT, UPDATE, DELETE ON users, user_consortia, sessions, api_tokens, login_failures, reviewer_bureaus TO \(byHand);
                GRANT SELECT ON schema_migrations TO \(byHand); GRANT EXECUTE ON FUNCTION app_enter_token_scope(bytea) TO \(byHand);
                GRANT SELECT ON schema_migrations TO \(bare)
                """)
            try Migrator(files: files).migrate(on: owner)
            for (role, ready) in [(byHand, true), (bare, false)] {
                var own = settings
                own.parameters["user"] = role
                let connection = try PostgresConnection(settings: own)
                defer { connection.close() }
                if ready {
                    try Migrator(files: files).checkServiceRole(on: connection)
                } else {
                    let error = #expect(throws: StoreError.self) { try Migrator(files: files).checkServiceRole(on: connection) }
                    #expect(error?.description.contains("jinjibu migrate --service-role \(bare)") == true)
                }
            }
            try Migrator(files: files).checkServiceRole(on: owner)
        }
    }
}
