import Foundation
import HTTPTypes
import Postgres
import Testing
import TestSupport

/// What the lifecycle and grant endpoints make of requests they must refuse.
@Suite struct LifecycleRequestTests {
    /// The role is checked before the body is read: a caller who may not record a step is
    /// told so (403), not that its body is malformed (400).
    @Test func aCallerWithoutTheRoleIsRefusedBeforeItsBodyIsRead() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            let base = "/api/v1/projects/P-TSUBAME"
            for (method, path) in [(HTTPRequest.Method.post, "\(base)/inspection"), (.post, "\(base)/confirmation"), (.post, "\(base)/settlement"),
                                   (.patch, "\(base)/settlement"), (.post, "\(base)/grant-decisions"), (.post, "\(base)/advance-payments")] {
                for user in [WebFixture.User.secA, .viewA] {
                    let reply = try await api.request(method, path, as: user, headers: [.ifMatch: "\"1\""],
                                                      body: Data("{\"inspected_on\": ".utf8), contentType: "application/json")
                    #expect(reply.status == .forbidden && reply.problemType == "forbidden", "\(user) \(method) \(path): \(reply.status) \(reply.text)")
                }
            }
        }
    }

    /// Extremes fed by hand to the grant, lifecycle and particulars paths (JSON and forms): a
    /// 10 MB string, a long one within the body limit, NUL bytes, 10,000 levels of nesting,
    /// numbers past any amount. Each is a clear 4xx, naming the field where the body could be
    /// read, and nothing is stored.
    @Test func extremeInputIsRefusedByFieldAndNothingIsStored() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, api in
            let base = "/api/v1/projects/P-TSUBAME"
            try await LifecycleWriterTests.approve(api)
            let organization = "/api/v1/organizations/demo-seimitsu"
            let organizationTag = try #require(try await api.get(organization, as: .secA).etag)

            let huge = String(repeating: "a", count: 10_000_000)
            let long = String(repeating: "あ", count: 300_000)  // 900 KB of UTF-8, within the 1 MiB body limit
            let nul = "関東\u{0000}局"
            let nested = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
            let decision: [String: Any] = ["decided_on": "2024-10-01", "document_number": "第30号", "amount_yen": 8_000_000, "reason": "減額"]
            let inspection: [String: Any] = ["inspected_on": "2025-05-20", "inspector": "地域経済課"]
            struct Case {
                var method: HTTPRequest.Method = .post
                var path: String
                var user: WebFixture.User = .kanto
                var json: [String: Any]? = nil
                var raw: String? = nil
                var status: HTTPResponse.Status
                /// The field the answer names (422), or the problem type (400, 413).
                var names: String
            }
            func merged(_ base: [String: Any], _ extra: [String: Any]) -> [String: Any] { base.merging(extra) { $1 } }
            let cases: [Case] = [
                Case(path: "\(base)/grant-decisions", json: merged(decision, ["document_number": huge]), status: .contentTooLarge, names: "payload-too-large"),
                Case(path: "\(base)/grant-decisions", json: merged(decision, ["document_number": long]), status: .unprocessableContent, names: "document_number"),
                Case(path: "\(base)/grant-decisions", json: merged(decision, ["reason": nul]), status: .unprocessableContent, names: "reason"),
                Case(path: "\(base)/grant-decisions", json: merged(decision, ["amount_yen": 1e30]), status: .unprocessableContent, names: "amount_yen"),
                Case(path: "\(base)/grant-decisions",
                     raw: #"{"decided_on": "2024-10-01", "document_number": "第30号", "reason": "減額", "amount_yen": 99999999999999999999999}"#,
                     status: .unprocessableContent, names: "amount_yen"),
                Case(path: "\(base)/grant-decisions", json: merged(decision, ["planned_budget": ["venue": 1e300]]),
                     status: .unprocessableContent, names: "planned_budget.venue"),
                Case(path: "\(base)/grant-decisions", raw: #"{"decided_on": "2024-10-01", "planned_budget": "# + nested + "}",
                     status: .badRequest, names: "malformed-json"),
                Case(path: "\(base)/grant-decisions", json: merged(decision, ["sequence": 1e20]), status: .unprocessableContent, names: "sequence"),
                Case(path: "\(base)/advance-payments", json: ["paid_on": "2024-07-01", "amount_yen": -1], status: .unprocessableContent, names: "amount_yen"),
                Case(path: "\(base)/advance-payments", json: ["paid_on": long, "amount_yen": 1000], status: .unprocessableContent, names: "paid_on"),
                Case(path: "\(base)/inspection", json: merged(inspection, ["inspector": nul]), status: .unprocessableContent, names: "inspector"),
                Case(path: "\(base)/inspection", json: merged(inspection, ["findings": long]), status: .unprocessableContent, names: "findings"),
                Case(path: "\(base)/inspection", json: merged(inspection, ["lines": [["line_ref": "R-001", "result": "excluded", "note": nul]]]),
                     status: .unprocessableContent, names: "lines[0].note"),
                Case(path: "\(base)/inspection",
                     json: merged(inspection, ["lines": Array(repeating: ["line_ref": "R-001", "result": "accepted"], count: 10_001)]),
                     status: .unprocessableContent, names: "lines"),
                Case(path: "\(base)/inspection", raw: #"{"inspected_on": "2025-05-20", "lines": "# + nested + "}", status: .badRequest, names: "malformed-json"),
                Case(path: "\(base)/inspection", json: merged(inspection, ["inspector": huge]), status: .contentTooLarge, names: "payload-too-large"),
                Case(path: "\(base)/confirmation", json: ["confirmed_on": "2025-06-10", "confirmed_yen": 1e30], status: .unprocessableContent, names: "confirmed_yen"),
                Case(path: "\(base)/confirmation", json: ["confirmed_on": "2025-06-10", "reasons": ["outsourcing": nul]],
                     status: .unprocessableContent, names: "reasons.outsourcing"),
                Case(path: "\(base)/confirmation", json: ["confirmed_on": "2025-06-10", "reasons": ["outsourcing": long]],
                     status: .unprocessableContent, names: "reasons.outsourcing"),
                Case(path: "\(base)/settlement", json: ["paid_on": "2025-07-01", "amount_yen": 99_999_999_999_999_999], status: .unprocessableContent, names: "amount_yen"),
                Case(method: .patch, path: "\(base)/settlement", json: ["received_on": nul], status: .unprocessableContent, names: "received_on"),
                Case(method: .patch, path: organization, user: .secA, json: ["address": long], status: .unprocessableContent, names: "address"),
                Case(method: .patch, path: organization, user: .secA, json: ["representative_name": nul], status: .unprocessableContent, names: "representative_name"),
                Case(method: .patch, path: organization, user: .secA, json: ["address": huge], status: .contentTooLarge, names: "payload-too-large"),
                Case(method: .patch, path: organization, user: .secA, raw: #"{"address": "# + nested + "}", status: .badRequest, names: "malformed-json"),
            ]
            for check in cases {
                let headers: HTTPFields = check.method == .patch ? [.ifMatch: check.path == organization ? organizationTag : "\"1\""] : [:]
                let reply = try await api.request(check.method, check.path, as: check.user, json: check.json, headers: headers,
                                                  body: check.raw.map { Data($0.utf8) }, contentType: "application/json")
                let named = check.status == .unprocessableContent ? reply.errorFields.contains(check.names) : reply.problemType == check.names
                #expect(reply.status == check.status && named, "\(check.method) \(check.path) \(check.names): \(reply.status) \(reply.text.prefix(300))")
            }

            // The same through the forms: the particulars page and the version page's inspection.
            let session = try await pages.login(.secA)
            let token = try #require(PageClient.csrf(in: try await pages.get("/organizations/demo-seimitsu/particulars", session: session).text))
            let version = organizationTag.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            // A form's text is percent-encoded (9 bytes a kana): 100,000 of them stay within its limit.
            for address in [nul, String(repeating: "あ", count: 100_000)] {
                let form = try await pages.post("/organizations/demo-seimitsu/particulars",
                                                form: ["csrf": token, "row_version": version, "address": address], session: session)
                #expect(form.status == .unprocessableContent, "\(form.status)")
            }
            let bureau = try await pages.login(.kanto)
            let bureauToken = try #require(PageClient.csrf(in: try await pages.get("/projects/P-TSUBAME/claims/1", session: bureau).text))
            let inspected = try await pages.post("/projects/P-TSUBAME/claims/1/inspection", form: [
                "csrf": bureauToken, "inspected_on": "2025-05-20", "inspector": nul, "confirm": "1"], session: bureau)
            #expect(inspected.status == .unprocessableContent)

            // Nothing of it is stored.
            let owner = try fixture.ownerConnection()
            defer { owner.close() }
            let stored = try await offThread {
                try owner.query("""
                    SELECT (SELECT count(*) FROM grant_decisions) AS decisions, (SELECT count(*) FROM advance_payments) AS payments,
                           (SELECT count(*) FROM inspections) + (SELECT count(*) FROM confirmations) + (SELECT count(*) FROM settlements) AS steps,
                           (SELECT count(*) FROM organizations WHERE code = 'demo-seimitsu' AND address IS NULL AND representative_name IS NULL) AS untouched,
                           (SELECT count(*) FROM audit_log WHERE table_name = 'organizations' AND operation = 'UPDATE') AS organization_changes
                    """)[0]
            }
            #expect(try stored.decode(Int.self, "decisions") == 1 && stored.decode(Int.self, "payments") == 0 && stored.decode(Int.self, "steps") == 0)
            #expect(try stored.decode(Int.self, "untouched") == 1 && stored.decode(Int.self, "organization_changes") == 0)
        }
    }
}
