import Domain
import Postgres
import Store
import Testing
import TestSupport
@testable import Web

/// A tenant read sent as one pipeline (the scope, then the statements, one implicit
/// transaction, as the stored-claim read runs) sees exactly what row-level security allows the
/// scope, and leaves nothing of the scope on the connection, which goes back to the pool.
@Suite struct TenantPipelineTests {
    @Test func aPipelinedReadSeesOnlyItsScopeAndLeavesTheConnectionAsTheServiceRole() async throws {
        let fixture = try await WebFixture.make()
        try await offThread {
            let connection = try fixture.ownerConnection()
            defer { connection.close() }
            try IsolationSQLTests.addActivitiesAndClaims(on: connection)
            let serviceRole = try connection.query("SELECT current_user::text AS who")[0].decode(String.self, "who")
            let tsubame = try connection.query("SELECT id FROM consortia WHERE code = 'tsubame'")[0].decode(Int64.self, "id")
            let scope = TenantScope(role: .secretariat, userID: 1, consortia: [tsubame], bureau: nil, actor: "sec-a")
            let seen = PostgresBatch<(codes: [String], role: String)>([
                "SELECT code FROM adopted_projects ORDER BY code",
                "SELECT current_user::text AS who",
            ]) { results in
                (try results[0].map { try $0.decode(String.self, "code") }, try results[1][0].decode(String.self, "who"))
            }
            let inScope = try connection.run(seen, after: [scope.entering])
            #expect(!inScope.codes.isEmpty && inScope.codes.allSatisfy { $0.hasPrefix("P-TSUBAME") })
            #expect(inScope.role == TenantScope.databaseRole)
            // Without the scope the same connection is the service's own role again.
            let after = try connection.query("SELECT current_user::text AS who, coalesce(current_setting('jinjibu.role', true), '') AS role")
            #expect(try after[0].decode(String.self, "who") == serviceRole)
            #expect(try after[0].decode(String.self, "role") == "")
            #expect(try connection.query("SELECT count(*)::int AS n FROM adopted_projects WHERE code = 'P-KOBE'")[0].decode(Int.self, "n") == 1)
        }
    }

    /// What the scope closes (`users`) is read first, as the service, and the scoped read after
    /// it in the caller's scope, in one pipeline (how a bureau's reads learn who acted); a
    /// record outside the scope is not found, and nothing of the scope stays behind.
    @Test func anUnscopedReadGoesBeforeTheCallersScope() async throws {
        let fixture = try await WebFixture.make()
        let token = try #require(fixture.tokens[.kanto])
        let kanto = try await offThread {
            let connection = try fixture.ownerConnection()
            defer { connection.close() }
            return try #require(try AccountRepository().tokenUser(token: token, on: connection))
        }
        let database = TenantDatabase(pool: fixture.pool)
        let users = PostgresBatch<Int>(["SELECT count(*)::int AS n FROM users"]) { try $0[0][0].decode(Int.self, "n") }
        let (accounts, consortium) = try await database.read(
            as: kanto, unscoped: users, then: ProjectRepository().consortiumRead(code: "P-TSUBAME"))
        #expect(accounts == WebFixture.User.allCases.count)
        #expect(consortium.code == "tsubame" && !consortium.name.isEmpty)
        // The same statement inside the scope is refused: the order is what makes it work.
        let refused = await #expect(throws: PostgresError.self) { try await database.read(as: kanto, users) }
        #expect(refused?.sqlState == .insufficientPrivilege)
        // P-KOBE is in the Kinki bureau's prefectures.
        await #expect(throws: RecordError.notFound(kind: ProjectRepository.kind, key: "P-KOBE")) {
            try await database.read(as: kanto, unscoped: users, then: ProjectRepository().consortiumRead(code: "P-KOBE"))
        }
        let names = try await database.read(
            as: kanto, unscoped: AccountRepository().partiesRead(of: []), then: ConsortiumRepository().namesRead(codes: ["tsubame", "kobe"]))
        #expect(names.0.isEmpty && names.1.keys.sorted() == ["tsubame"])
        let left = try await fixture.pool.withConnection { try $0.run(TokenScopeTests.scopeSeen) }
        #expect(left.prefix(6).allSatisfy { $0 == "(unset)" || $0.isEmpty })
    }

    @Test func theStoredClaimReadFindsOnlyTheScopesClaimsAndReadsTheSameAsInATransaction() async throws {
        let fixture = try await WebFixture.make()
        try await offThread {
            let connection = try fixture.ownerConnection()
            defer { connection.close() }
            try IsolationSQLTests.addActivitiesAndClaims(on: connection)
            let tsubame = try connection.query("SELECT id FROM consortia WHERE code = 'tsubame'")[0].decode(Int64.self, "id")
            let scope = TenantScope(role: .secretariat, userID: 1, consortia: [tsubame], bureau: nil, actor: "sec-a")
            let claims = ClaimRepository()
            let piped = try connection.run(claims.claimRead(projectCode: "P-TSUBAME", version: 1), after: [scope.entering])
            let inTransaction = try connection.transaction(beginningWith: [scope.entering]) { connection in
                try claims.claim(projectCode: "P-TSUBAME", version: 1, on: connection)
            }
            #expect(piped.figures == inTransaction.figures && piped.rowVersion == inTransaction.rowVersion)
            #expect(!piped.figures.cells.isEmpty)
            // The other consortium's claim is not there for this scope, and the failed read
            // leaves the connection idle and usable.
            #expect(throws: ClaimError.self) {
                try connection.run(claims.claimRead(projectCode: "P-KOBE", version: 1), after: [scope.entering])
            }
            #expect(!connection.isInTransaction)
            #expect(try claims.claim(projectCode: "P-KOBE", version: 1, on: connection).figures.cells.isEmpty == false)
        }
    }
}

extension TenantPipelineTests {
    /// Through the API: the claim as stored for its consortium, 404 for a version that is not
    /// there and for another consortium's claim, each on a connection that serves the next.
    @Test func theClaimReadAnswersThroughTheAPIWithItsScope() async throws {
        let fixture = try await WebFixture.make()
        _ = try await IsolationAPITests.addActivities(fixture)
        try await fixture.withClient { api in
            let found = try await api.get("/api/v1/projects/P-TSUBAME/claims/1", as: .secA)
            #expect(found.status == .ok && found.json["claim_version"] as? Int == 1 && found.etag != nil)
            #expect(try await api.get("/api/v1/projects/P-TSUBAME/claims/9", as: .secA).status == .notFound)
            #expect(try await api.get("/api/v1/projects/P-TSUBAME/claims/1", as: .secB).status == .notFound)
            #expect(try await api.get("/api/v1/projects/P-KOBE/claims/1", as: .secB).status == .ok)
            #expect(try await api.get("/api/v1/projects/P-TSUBAME/claims/1", as: .kanto).status == .ok)
            #expect(try await api.get("/api/v1/projects/P-TSUBAME/claims/1", as: .kinki).status == .notFound)
        }
    }
}
