import Foundation
import Testing
import TestSupport
@testable import Web

/// The audit trail pages by id: a cursor it did not hand out (another list's, or garbage that
/// still decodes) is a 400 like every other list's, not silently the first page again.
@Suite struct AuditCursorTests {
    @Test func aCursorThatIsNotTheAuditTrailsOwnIsRefused() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            // An organisation list's cursor (a code), a number that is not one, and too many parts.
            for key in [["demo-seimitsu"], ["1.5"], ["99999999999999999999"], ["1", "2"]] {
                let cursor = try #require(Cursor.encode(key))
                let reply = try await api.get("/api/v1/audit?cursor=\(cursor)", as: .admin)
                #expect(reply.status == .badRequest, "\(key)")
                #expect(reply.errorFields == ["cursor"], "\(key)")
            }
            #expect(try await api.get("/api/v1/audit?cursor=%%%", as: .admin).status == .badRequest)

            // Its own cursor still pages.
            let first = try await api.get("/api/v1/audit?limit=2", as: .admin)
            let next = try #require(first.json["next_cursor"] as? String)
            let second = try await api.get("/api/v1/audit?limit=2&cursor=\(next)", as: .admin)
            #expect(second.status == .ok)
            let ids = { (reply: APIClient.Reply) in reply.items.compactMap { $0["id"] as? Int } }
            #expect(Set(ids(first)).isDisjoint(with: ids(second)))
            #expect(ids(second).allSatisfy { $0 < ids(first).min() ?? 0 })
        }
    }

    /// Schemathesis sent an `actor` of 100 letters each with combining marks: 100 characters
    /// but several hundred code points, over the document's maxLength, and it was accepted.
    @Test func aQueryValueIsMeasuredInCodePointsAsTheDocumentSays() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            let marked = String(repeating: "o\u{0335}\u{0326}", count: 60)
            #expect(marked.count == 60)
            let encoded = try #require(marked.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "o")))
            let reply = try await api.get("/api/v1/audit?actor=\(encoded)", as: .admin)
            #expect(reply.status == .badRequest)
            #expect(reply.errorFields == ["actor"])
        }
    }
}
