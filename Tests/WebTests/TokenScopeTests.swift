import Foundation
import HTTPTypes
import Postgres
import Store
import Testing
import TestSupport
@testable import Web

/// The stored-claim read checks its bearer token in its own one round trip (issue #18,
/// migration 0031): `TenantScope.entering(token:)` must accept exactly the tokens the lookup
/// accepts and enter exactly the scope `TenantScope.entering` enters, and the API must answer
/// a refused token with the same 401 as everywhere else.
@Suite struct TokenScopeTests {
    /// The scope as row-level security reads it, and who runs the statement.
    static let scopeSeen = PostgresBatch<[String]>(["""
        SELECT current_setting('jinjibu.role', true) AS role, current_setting('jinjibu.user_id', true) AS user_id,
               current_setting('jinjibu.consortia', true) AS consortia, current_setting('jinjibu.bureau', true) AS bureau,
               current_setting('jinjibu.reviewed_bureaus', true) AS reviewed_bureaus,
               current_setting('jinjibu.actor', true) AS actor, current_user::text AS who
        """]) { results in
        try ["role", "user_id", "consortia", "bureau", "reviewed_bureaus", "actor", "who"].map { try results[0][0].decode(String?.self, $0) ?? "(unset)" }
    }

    @Test func aTokenEntersTheScopeOfTheLookupAndTenantScopeForEveryRole() async throws {
        let fixture = try await WebFixture.make()
        try await offThread {
            let connection = try fixture.ownerConnection()
            defer { connection.close() }
            let serviceRole = try connection.query("SELECT current_user::text AS who")[0].decode(String.self, "who")
            for user in WebFixture.User.allCases {
                let token = try #require(fixture.tokens[user])
                let looked = try #require(try AccountRepository().tokenUser(token: token, on: connection))
                let (caller, seen) = try connection.run(TenantScope.entering(token: token).followed(by: Self.scopeSeen))
                #expect(caller == looked)
                #expect(seen == (try connection.run(Self.scopeSeen, after: [looked.scope.entering])), "\(user)")
                #expect(seen.last == TenantScope.databaseRole)
                #expect(!seen.contains("(unset)"))
                // The scope ends with the pipeline: the connection goes back to the pool as the service.
                #expect(try connection.query("SELECT current_user::text AS who")[0].decode(String.self, "who") == serviceRole)
            }
        }
    }

    /// A refused token raises before anything after it runs (here a write the service role
    /// could make), records no use, and leaves nothing of a scope behind.
    @Test(arguments: ["expired", "revoked", "disabled user", "unknown"])
    func aRefusedTokenFailsTheWholePipeline(_ why: String) async throws {
        let fixture = try await WebFixture.make()
        try await offThread {
            let connection = try fixture.ownerConnection()
            defer { connection.close() }
            var token = try #require(fixture.tokens[.secA])
            let owner = "(SELECT id FROM users WHERE login = 'sec-a')"
            switch why {
            case "expired":
                try connection.executeScript(unsafeSQL: """
                    UPDATE api_tokens SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second' WHERE user_id = \(owner)
                    """)
            case "revoked": try connection.executeScript(unsafeSQL: "UPDATE api_tokens SET revoked_at = now() WHERE user_id = \(owner)")
            case "disabled user": try connection.executeScript(unsafeSQL: "UPDATE users SET disabled_at = now() WHERE login = 'sec-a'")
            default: token = "jjb_not-a-token"
            }
            try connection.executeScript(unsafeSQL: "CREATE TABLE after_the_token (n int)")
            let after = PostgresBatch<Void>(["INSERT INTO after_the_token VALUES (1)"]) { _ in }
            let error = #expect(throws: PostgresError.self) { try connection.run(TenantScope.entering(token: token).followed(by: after)) }
            #expect(error?.sqlState == TenantScope.invalidToken)
            #expect(try connection.query("SELECT count(*)::int AS n FROM after_the_token")[0].decode(Int.self, "n") == 0)
            #expect(try connection.query("SELECT count(*)::int AS n FROM api_tokens WHERE last_used_at IS NOT NULL")[0].decode(Int.self, "n") == 0)
            #expect(!connection.isInTransaction)
            #expect(try connection.run(Self.scopeSeen).prefix(6).allSatisfy { $0 == "(unset)" || $0.isEmpty })
        }
    }

    /// The token's last use is recorded as the lookup records it: at most once a minute.
    @Test func aUseIsRecordedAtMostOnceAMinute() async throws {
        let fixture = try await WebFixture.make()
        try await offThread {
            let connection = try fixture.ownerConnection()
            defer { connection.close() }
            let token = try #require(fixture.tokens[.secA])
            let lastUsed: PostgresQuery = """
                SELECT last_used_at::text AS used FROM api_tokens WHERE user_id = (SELECT id FROM users WHERE login = 'sec-a')
                """
            let enter = { _ = try connection.run(TenantScope.entering(token: token)) }
            try enter()
            let first = try connection.query(lastUsed)[0].decode(String?.self, "used")
            #expect(first != nil)
            try connection.executeScript(unsafeSQL: "UPDATE api_tokens SET last_used_at = now() - interval '30 seconds'")
            let recent = try connection.query(lastUsed)[0].decode(String?.self, "used")
            try enter()
            #expect(try connection.query(lastUsed)[0].decode(String?.self, "used") == recent)
            try connection.executeScript(unsafeSQL: "UPDATE api_tokens SET last_used_at = now() - interval '2 minutes'")
            let old = try connection.query(lastUsed)[0].decode(String?.self, "used")
            try enter()
            #expect(try connection.query(lastUsed)[0].decode(String?.self, "used") != old)
        }
    }

    /// The tenant role cannot call the function: a statement in a scope cannot step into another.
    @Test func theTenantRoleCannotEnterAScopeFromAToken() async throws {
        let fixture = try await WebFixture.make()
        try await offThread {
            let connection = try fixture.ownerConnection()
            defer { connection.close() }
            let token = try #require(fixture.tokens[.admin])
            let admin = try #require(try AccountRepository().tokenUser(token: token, on: connection))
            let error = #expect(throws: PostgresError.self) {
                try connection.run(TenantScope.entering(token: token), after: [admin.scope.entering])
            }
            #expect(error?.sqlState == .insufficientPrivilege)
        }
    }
}

extension TokenScopeTests {
    /// Through the API, the claim route answers a refused token as every route does (401
    /// invalid-token, even for a path that names nothing), a session as before, and a valid
    /// token with the claim as its scope allows.
    @Test func theClaimRouteAnswersTokensAsEveryRouteDoes() async throws {
        let fixture = try await WebFixture.make()
        _ = try await IsolationAPITests.addActivities(fixture)
        let expired = SecretToken.generate(prefix: "jjb_")
        try await offThread {
            let connection = try fixture.ownerConnection()
            defer { connection.close() }
            let userID = try #require(try AccountRepository().userID(login: "sec-a", on: connection))
            _ = try AccountRepository().createToken(userID: userID, name: "old", token: expired, expiresAt: Date().addingTimeInterval(60), on: connection)
            try connection.execute("UPDATE api_tokens SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second' WHERE name = 'old'")
        }
        try await fixture.withClient { api in
            for path in ["/api/v1/projects/P-TSUBAME/claims/1", "/api/v1/projects/P-TSUBAME/claims/0", "/api/v1/projects/%20/claims/1"] {
                for token in [expired.value, "jjb_not-a-token", String(repeating: "x", count: 201)] {
                    let refused = try await api.request(.get, path, headers: [.authorization: "Bearer \(token)"])
                    #expect(refused.status == .unauthorized, "\(path)")
                    #expect(refused.problemType == "invalid-token")
                    #expect(refused.headers[.wwwAuthenticate] == "Bearer realm=\"jinjibu\", error=\"invalid_token\"")
                }
                let anonymous = try await api.request(.get, path)
                #expect(anonymous.status == .unauthorized && anonymous.problemType == "unauthenticated")
            }
            #expect(try await api.get("/api/v1/projects/P-TSUBAME/claims/0", as: .secA).status == .notFound)
            #expect(try await api.get("/api/v1/projects/P-TSUBAME/claims/1", as: .secA).status == .ok)
            let session = try await AccountHardeningTests.session(api, "sec-a")
            let bySession = try await api.request(.get, "/api/v1/projects/P-TSUBAME/claims/1", headers: session)
            #expect(bySession.status == .ok && bySession.json["claim_version"] as? Int == 1)
            #expect(try await api.request(.get, "/api/v1/projects/P-KOBE/claims/1", headers: session).status == .notFound)
            // A bureau reads the claim's actors as parties, after its scope came from the token.
            let kanto = try await api.get("/api/v1/projects/P-TSUBAME/claims/1", as: .kanto)
            #expect(kanto.status == .ok)
            #expect((kanto.json["created_by"] as? String).map { !$0.hasPrefix("user:") && !$0.hasPrefix("cli:") } ?? true)
        }
    }
}
