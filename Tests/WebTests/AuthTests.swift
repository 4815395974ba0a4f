import Foundation
import HTTPTypes
import Postgres
import Store
import Testing
import TestSupport
@testable import Web

@Suite struct AuthTests {
    @Test func aTokenIdentifiesTheCallerAndNoCredentialsIs401() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            let me = try await api.get("/api/v1/me", as: .secA)
            #expect(me.status == .ok)
            #expect(me.json["login"] as? String == "sec-a")
            #expect(me.json["consortia"] as? [String] == ["tsubame"])
            let anonymous = try await api.get("/api/v1/me")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.problemType == "unauthenticated")
            #expect(anonymous.headers[.contentType] == "application/problem+json")
            let forged = try await api.request(.get, "/api/v1/me", headers: [.authorization: "Bearer jjb_not-a-token"])
            #expect(forged.status == .unauthorized)
            #expect(forged.problemType == "invalid-token")
        }
    }

    @Test func loginSetsASecureHttpOnlySessionCookieAndLogoutEndsTheSession() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            let login = try await api.request(.post, "/api/v1/session", json: ["login": "SEC-A", "password": WebFixture.password])
            #expect(login.status == .ok)
            let setCookie = try #require(login.headers[.setCookie])
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("Secure"))
            #expect(setCookie.contains("SameSite=Strict"))
            let value = try #require(setCookie.split(separator: ";").first.map(String.init))
            let cookie: HTTPFields = [.cookie: value]
            let me = try await api.request(.get, "/api/v1/me", headers: cookie)
            #expect(me.json["login"] as? String == "sec-a")

            // Only the hash of the session token is stored.
            let token = String(value.dropFirst("jinjibu_session=".count))
            let connection = try fixture.ownerConnection()
            defer { connection.close() }
            let stored = try connection.query("SELECT encode(token_hash, 'hex') AS hash FROM sessions")[0].decode(String.self, "hash")
            #expect(!stored.contains(token) && stored.count == 64)

            let logout = try await api.request(.delete, "/api/v1/session", headers: cookie)
            #expect(logout.status == .noContent)
            #expect(logout.headers[.setCookie]?.contains("Max-Age=0") == true)
            let after = try await api.request(.get, "/api/v1/me", headers: cookie)
            #expect(after.status == .unauthorized)
        }
    }

    @Test func aWrongPasswordAndAnUnknownLoginGetTheSameAnswer() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            let wrong = try await api.request(.post, "/api/v1/session", json: ["login": "sec-a", "password": "not the password"])
            let unknown = try await api.request(.post, "/api/v1/session", json: ["login": "nobody", "password": "not the password"])
            #expect(wrong.status == .unauthorized && unknown.status == .unauthorized)
            #expect(wrong.body == unknown.body)
            #expect(wrong.headers[.setCookie] == nil)
            let missing = try await api.request(.post, "/api/v1/session", json: ["login": "sec-a"])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.errorFields == ["password"])
        }
    }

    @Test func repeatedFailuresLockTheLoginEvenForTheRightPassword() async throws {
        let fixture = try await WebFixture.make(configuration: WebConfiguration(loginThrottle: LoginThrottle(maximumPerLogin: 3, maximumPerAddress: 100)))
        try await fixture.withClient { api in
            for _ in 0..<3 {
                let failed = try await api.request(.post, "/api/v1/session", json: ["login": "sec-b", "password": "guess"])
                #expect(failed.status == .unauthorized)
            }
            let locked = try await api.request(.post, "/api/v1/session", json: ["login": "sec-b", "password": WebFixture.password])
            #expect(locked.status == .tooManyRequests)
            #expect(locked.problemType == "too-many-attempts")
            #expect(locked.headers[.retryAfter] != nil)
            // Another login from the same address is not locked by sec-b's failures.
            let other = try await api.request(.post, "/api/v1/session", json: ["login": "sec-a", "password": WebFixture.password])
            #expect(other.status == .ok)
        }
        // Neither the login name nor the address is stored in the clear.
        let connection = try fixture.ownerConnection()
        defer { connection.close() }
        let keys = try connection.query("SELECT kind, length(key_hash) AS n FROM login_failures").map { try $0.decode(Int.self, "n") }
        #expect(keys.count == 6 && keys.allSatisfy { $0 == 32 })
    }

    @Test func theAddressLimitStopsGuessingAcrossManyLogins() async throws {
        let fixture = try await WebFixture.make(configuration: WebConfiguration(loginThrottle: LoginThrottle(maximumPerLogin: 100, maximumPerAddress: 2)))
        try await fixture.withClient { api in
            _ = try await api.request(.post, "/api/v1/session", json: ["login": "sec-a", "password": "guess"])
            _ = try await api.request(.post, "/api/v1/session", json: ["login": "sec-b", "password": "guess"])
            let third = try await api.request(.post, "/api/v1/session", json: ["login": "admin", "password": WebFixture.password])
            #expect(third.status == .tooManyRequests)
        }
    }

    /// Behind a trusted reverse proxy each client has its own address limit (X-Forwarded-For);
    /// from anywhere else the header is ignored, so a client cannot dodge the limit with it.
    @Test(arguments: [true, false])
    func theAddressLimitFollowsXForwardedForOnlyFromATrustedProxy(trusted: Bool) async throws {
        let fixture = try await WebFixture.make(configuration: WebConfiguration(
            loginThrottle: LoginThrottle(maximumPerLogin: 100, maximumPerAddress: 2), trustedProxies: trusted ? ["127.0.0.1"] : []))
        try await fixture.withClient(.live) { api in
            func attempt(_ login: String, _ password: String, from client: String) async throws -> HTTPResponse.Status {
                try await api.request(.post, "/api/v1/session", json: ["login": login, "password": password],
                                      headers: [HTTPField.Name("X-Forwarded-For")!: "203.0.113.9, \(client)"]).status
            }
            let first = try await attempt("sec-a", "guess", from: "198.51.100.1")
            let second = try await attempt("sec-b", "guess", from: "198.51.100.1")
            let otherClient = try await attempt("admin", WebFixture.password, from: "198.51.100.2")
            let sameClient = try await attempt("admin", WebFixture.password, from: "198.51.100.1")
            #expect(first == .unauthorized && second == .unauthorized)
            #expect(otherClient == (trusted ? .ok : .tooManyRequests))
            #expect(sameClient == .tooManyRequests)
        }
    }

    @Test func theClientAddressIsTheNearestUntrustedHop() {
        let configuration = WebConfiguration(trustedProxies: ["127.0.0.1", "10.0.0.2"])
        #expect(configuration.clientAddress(peer: "192.0.2.7", forwardedFor: "198.51.100.1") == "192.0.2.7")
        #expect(configuration.clientAddress(peer: "127.0.0.1", forwardedFor: nil) == "127.0.0.1")
        #expect(configuration.clientAddress(peer: "127.0.0.1", forwardedFor: "198.51.100.1") == "198.51.100.1")
        #expect(configuration.clientAddress(peer: "127.0.0.1", forwardedFor: "made-up, 198.51.100.1") == "198.51.100.1")
        #expect(configuration.clientAddress(peer: "127.0.0.1", forwardedFor: "198.51.100.1, 10.0.0.2") == "198.51.100.1")
        #expect(configuration.clientAddress(peer: "127.0.0.1", forwardedFor: "10.0.0.2") == "10.0.0.2")
        #expect(configuration.clientAddress(peer: nil, forwardedFor: "198.51.100.1") == nil)
    }

    @Test func aTokenCanBeCreatedShownOnceListedAndRevoked() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            // Made from a password login (a token cannot make tokens).
            let session = try await AccountHardeningTests.session(api, "sec-a")
            let created = try await api.request(.post, "/api/v1/tokens", json: ["name": "nightly export", "expires_in_days": 30], headers: session)
            #expect(created.status == .created)
            let token = try #require(created.json["token"] as? String)
            #expect(token.hasPrefix("jjb_"))
            let id = try #require(created.json["id"] as? Int)
            let me = try await api.request(.get, "/api/v1/me", headers: [.authorization: "Bearer \(token)"])
            #expect(me.json["login"] as? String == "sec-a")

            let listed = try await api.get("/api/v1/tokens", as: .secA)
            #expect(listed.items.count == 2)
            #expect(listed.items.allSatisfy { $0["token"] == nil })

            // Another user cannot revoke it.
            let foreign = try await api.request(.delete, "/api/v1/tokens/\(id)", as: .secB)
            #expect(foreign.status == .notFound)
            let revoked = try await api.request(.delete, "/api/v1/tokens/\(id)", as: .secA)
            #expect(revoked.status == .noContent)
            let refused = try await api.request(.get, "/api/v1/me", headers: [.authorization: "Bearer \(token)"])
            #expect(refused.status == .unauthorized)
        }
    }

    @Test func anExpiredTokenIsRefused() async throws {
        let fixture = try await WebFixture.make()
        let connection = try fixture.ownerConnection()
        defer { connection.close() }
        let token = SecretToken.generate(prefix: "jjb_")
        let userID = try #require(try AccountRepository().userID(login: "sec-a", on: connection))
        _ = try AccountRepository().createToken(userID: userID, name: "old", token: token, expiresAt: Date().addingTimeInterval(60), on: connection)
        try connection.execute("UPDATE api_tokens SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second' WHERE name = 'old'")
        try await fixture.withClient { api in
            let refused = try await api.request(.get, "/api/v1/me", headers: [.authorization: "Bearer \(token.value)"])
            #expect(refused.status == .unauthorized)
            #expect(refused.problemType == "invalid-token")
        }
    }
}
