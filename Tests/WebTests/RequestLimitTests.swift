import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
@testable import Web

/// What a request may cost the service before it is refused (issue 13, item 11), against a
/// real server on a port: bodies over their limit, deep JSON, uploads by callers who may not
/// upload, too many uploads at once, and clients that are slow or silent.
@Suite struct RequestLimitTests {
    static let overOneMegabyte = String(repeating: "x", count: 1024 * 1024 + 1)

    @Test func aBodyOverOneMegabyteIsRefusedWith413OnTheAPIAndTheLoginPage() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient(.live) { api in
            let login = #"{"login":"sec-a","password":"\#(Self.overOneMegabyte)"}"#
            let session = try await api.request(.post, "/api/v1/session", body: Data(login.utf8), contentType: "application/json")
            #expect(session.status == .contentTooLarge)
            #expect(session.headers[.contentType] == "application/problem+json")
            #expect(session.problemType == "payload-too-large")

            let expense = #"{"category":"venue","payee":"\#(Self.overOneMegabyte)"}"#
            let created = try await api.request(
                .post, "/api/v1/projects/P-TSUBAME/expenses", as: .secA, body: Data(expense.utf8), contentType: "application/json")
            #expect(created.status == .contentTooLarge)
            #expect(created.problemType == "payload-too-large")

            let form = "login=sec-a&password=\(Self.overOneMegabyte)"
            let page = try await api.request(.post, "/login", body: Data(form.utf8), contentType: "application/x-www-form-urlencoded")
            #expect(page.status == .contentTooLarge)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(page.text.contains("送信されたデータが大きすぎます"))

            // A body within the limit is read as before.
            let ordinary = try await api.request(.post, "/api/v1/session", json: ["login": "sec-a", "password": WebFixture.password])
            #expect(ordinary.status == .ok)
        }
    }

    /// 511 levels of nesting cost 1.6 s of CPU to decode, before any login; the depth is now
    /// counted in one pass over the bytes and a deep body refused without decoding it. The
    /// decoder itself accepts 511 levels (and would answer 422 on the fields), so the 400 with
    /// the depth message shows the scan refused it; no wall-clock bound, which load makes flaky.
    @Test func deeplyNestedJSONIsRefusedBeforeItIsDecoded() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient(.live) { api in
            func nested(_ depth: Int) -> Data {
                Data((#"{"login":"# + String(repeating: "[", count: depth - 1) + String(repeating: "]", count: depth - 1) + "}").utf8)
            }
            let deep = try await api.request(.post, "/api/v1/session", body: nested(511), contentType: "application/json")
            #expect(deep.status == .badRequest)
            #expect(deep.problemType == "malformed-json")
            #expect(deep.text.contains("入れ子が深すぎます"))

            #expect(try await api.request(.post, "/api/v1/session", body: nested(33), contentType: "application/json").status == .badRequest)
            // Within the depth, the body is decoded and its fields checked as usual.
            let shallow = try await api.request(.post, "/api/v1/session", body: nested(32), contentType: "application/json")
            #expect(shallow.status == .unprocessableContent)
            #expect(shallow.errorFields.contains("login"))
            // Brackets inside strings are text, not nesting.
            let brackets = String(repeating: "[{", count: 100) + #"\"]"#
            let text = try await api.request(.post, "/api/v1/session", json: ["login": brackets, "password": "x"])
            #expect(text.status == .unprocessableContent || text.status == .unauthorized)
        }
    }

    @Test func jsonDepthCountsBracketsOutsideStringsOnly() {
        #expect(JSONBody.depth(of: Array(#"{"a":[1,{"b":[]}]}"#.utf8)) == 4)
        #expect(JSONBody.depth(of: Array(#"{"a":"[[[{{{","b":"\"[[["}"#.utf8)) == 1)
        #expect(JSONBody.depth(of: Array(#"{"a":"\\","b":[[1]]}"#.utf8)) == 3)
        #expect(JSONBody.depth(of: Array(String(repeating: "[", count: 100_000).utf8)) == JSONBody.maximumDepth + 1)
    }

    /// The upload page read a whole 60 MB body before it checked the role and the form token.
    /// Now the answer comes while the client has sent only the head (the role) or the fields
    /// before the file (the token and kind), and the rest is never needed.
    @Test(.timeLimit(.minutes(2)))
    func anUploadIsRefusedBeforeItsFileWhenTheCallerOrTheFormIsWrong() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient(.live) { api in
            let port = try #require(api.client.port)
            let bureau = try await Self.session(api, .kanto)
            let secretariat = try await Self.session(api, .secA)
            let token = try await Self.formToken(api, session: secretariat)
            let sixtyMegabytes = 60 * 1024 * 1024

            // A bureau user may import nothing: refused on the head alone.
            let byRole = try await offThread {
                let connection = try RawConnection(port: port)
                connection.send(Self.uploadHead(session: bureau, length: sixtyMegabytes))
                return connection.response(timeout: 10)
            }
            #expect(byRole?.status == 403, "\(String(describing: byRole))")

            // No form token: refused when the file begins, the 60 MB never sent.
            let forged = try await offThread {
                let connection = try RawConnection(port: port)
                connection.send(Self.uploadHead(session: secretariat, length: sixtyMegabytes))
                connection.send(Self.field("kind", "expenses") + Self.fileHeader)
                connection.send(String(repeating: "x", count: 64 * 1024))
                return connection.response(timeout: 10)
            }
            #expect(forged?.status == 403, "\(String(describing: forged))")
            #expect(forged?.body.contains("フォームの確認に失敗しました") == true)

            // The token, but a kind this role may not import.
            let notAllowed = try await offThread {
                let connection = try RawConnection(port: port)
                connection.send(Self.uploadHead(session: secretariat, length: sixtyMegabytes))
                connection.send(Self.field("csrf", token) + Self.field("kind", "adopted_projects") + Self.fileHeader)
                return connection.response(timeout: 10)
            }
            #expect(notAllowed?.status == 403, "\(String(describing: notAllowed))")

            // Declared larger than the limit: 413 before the body.
            let declared = try await offThread {
                let connection = try RawConnection(port: port)
                connection.send(Self.uploadHead(session: secretariat, length: ImportController.uploadLimit + 1))
                return connection.response(timeout: 10)
            }
            #expect(declared?.status == 413, "\(String(describing: declared))")

            // Not declared (chunked) and larger than the limit: 413 once the limit is passed.
            let streamed = try await offThread {
                let connection = try RawConnection(port: port)
                connection.send(Self.uploadHead(session: secretariat, length: nil))
                connection.send(Self.chunk(Self.field("csrf", token) + Self.field("kind", "expenses") + Self.fileHeader))
                let megabyte = Self.chunk(String(repeating: "x", count: 1024 * 1024))
                for _ in 0...(ImportController.uploadLimit >> 20) {
                    guard connection.send(megabyte) else { break }
                }
                connection.send("0\r\n\r\n")
                return connection.response(timeout: 20)
            }
            #expect(streamed?.status == 413, "\(String(describing: streamed))")
        }
    }

    /// Uploads in progress at once are capped, for the page and the API together; one more is
    /// answered 503 with Retry-After at once, and the slot is free again when the first ends.
    @Test(.timeLimit(.minutes(2)))
    func uploadsBeyondTheCapAreAnswered503() async throws {
        let fixture = try await WebFixture.make(configuration: WebConfiguration(secureCookies: true, maximumConcurrentUploads: 1))
        try await fixture.withClient(.live) { api in
            let port = try #require(api.client.port)
            let secretariat = try await Self.session(api, .secA)
            let token = try await Self.formToken(api, session: secretariat)
            let csv = "project,category,incurred_on,paid_on,payee,amount_excl_tax_yen,evidence_ref\nP-TSUBAME,venue,2024-09-01,2024-09-30,燕市体育館,120000,R-101\n"

            let holding = try RawConnection(port: port)
            try await offThread {
                holding.send(Self.uploadHead(session: secretariat, length: nil))
                holding.send(Self.chunk(Self.field("csrf", token) + Self.field("kind", "expenses") + Self.fileHeader + "project,"))
            }
            // Let the server take the first upload up before the second arrives.
            try await Task.sleep(for: .milliseconds(300))
            let pages = PageClient(client: api.client)
            let second = try await pages.upload("/imports", fields: ["csrf": token, "kind": "expenses"], file: csv, filename: "x.csv", session: secretariat)
            #expect(second.status == .serviceUnavailable)
            #expect(second.headers[.retryAfter] != nil)
            let viaAPI = try await api.request(.post, "/api/v1/imports/expenses", as: .secA, body: Data(csv.utf8))
            #expect(viaAPI.status == .serviceUnavailable)
            #expect(viaAPI.problemType == "uploads-busy")

            // The held upload ends (its client goes away): the slot is free again.
            try await offThread { holding.send("0\r\n\r\n") }
            _ = try await offThread { holding.response(timeout: 10) }
            let third = try await pages.upload("/imports", fields: ["csrf": token, "kind": "expenses"], file: csv, filename: "x.csv", session: secretariat)
            #expect(third.status == .ok, "\(third.text.prefix(500))")
        }
    }

    /// 1,100 slow connections exhausted the service's file descriptors: a client that says
    /// nothing, sends its head a byte at a time, or stops in the middle of a body is now
    /// disconnected after its timeout.
    @Test(.timeLimit(.minutes(2)))
    func slowAndSilentClientsAreDisconnectedAfterTheirTimeouts() async throws {
        let timeouts = ClientTimeouts(idle: .seconds(1), header: .seconds(1), body: .seconds(1))
        let fixture = try await WebFixture.make(configuration: WebConfiguration(secureCookies: true, clientTimeouts: timeouts))
        try await fixture.withClient(.live) { api in
            let port = try #require(api.client.port)

            let silent = try await offThread { () -> Double? in
                let connection = try RawConnection(port: port)
                let started = Date()
                return connection.waitForClose(timeout: 10) ? Date().timeIntervalSince(started) : nil
            }
            #expect(silent.map { $0 > 0.5 && $0 < 5 } == true, "silent: \(String(describing: silent))")

            // Bytes keep coming, but the head never ends.
            let trickle = try await offThread { () -> Double? in
                let connection = try RawConnection(port: port)
                let started = Date()
                let bytes = Array("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".utf8) + Array(repeating: UInt8(ascii: "a"), count: 200)
                for byte in bytes {
                    if !connection.send([byte]) || connection.waitForClose(timeout: 0.1) { return Date().timeIntervalSince(started) }
                }
                return nil
            }
            #expect(trickle.map { $0 < 5 } == true, "trickle: \(String(describing: trickle))")

            // The head, then a body that stops.
            let stalled = try await offThread { () -> Double? in
                let connection = try RawConnection(port: port)
                connection.send("POST /api/v1/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"login\":")
                let started = Date()
                return connection.waitForClose(timeout: 10) ? Date().timeIntervalSince(started) : nil
            }
            #expect(stalled.map { $0 > 0.5 && $0 < 5 } == true, "stalled: \(String(describing: stalled))")

            // A request sent in time is answered, and the connection kept alive after it is
            // closed once it has been idle for the idle timeout.
            let kept = try await offThread { () -> (Int?, Bool) in
                let connection = try RawConnection(port: port)
                connection.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
                let status = connection.response(timeout: 5)?.status
                return (status, connection.waitForClose(timeout: 10))
            }
            #expect(kept.0 == 200)
            #expect(kept.1)
        }
    }

    // MARK: Helpers

    static func session(_ api: APIClient, _ user: WebFixture.User) async throws -> String {
        let reply = try await api.request(.post, "/api/v1/session", json: ["login": user.rawValue, "password": WebFixture.password])
        return try #require(PageClient.sessionCookie(reply))
    }

    static func formToken(_ api: APIClient, session: String) async throws -> String {
        let page = try await PageClient(client: api.client).get("/imports", session: session)
        return try #require(PageClient.csrf(in: page.text))
    }

    static let boundary = "jinjibu-raw-test"

    static func uploadHead(session: String, length: Int?) -> String {
        "POST /imports HTTP/1.1\r\nHost: localhost\r\nCookie: jinjibu_session=\(session)\r\n"
            + "Content-Type: multipart/form-data; boundary=\(boundary)\r\n"
            + (length.map { "Content-Length: \($0)\r\n" } ?? "Transfer-Encoding: chunked\r\n") + "\r\n"
    }

    static func field(_ name: String, _ value: String) -> String {
        "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
    }

    static let fileHeader = "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.csv\"\r\nContent-Type: text/csv\r\n\r\n"

    static func chunk(_ text: String) -> String {
        "\(String(text.utf8.count, radix: 16))\r\n\(text)\r\n"
    }
}
