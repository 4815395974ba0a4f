import Foundation
import HTTPTypes
import Postgres
import Testing
import TestSupport
@testable import Web

/// ConcurrentWriterTests' race for the newer writes: the grant lifecycle's records (each added
/// once, or by the number it takes), the refund's receipt (If-Match), an organisation's
/// particulars and the outcome edit pages (the version they were read at). Exactly one
/// writer wins; the others get the documented refusal, and nothing of theirs is stored: the
/// tables and the audit trail hold the winner's rows only.
@Suite struct LifecycleWriterTests {
    enum Resource: String, CaseIterable, Sendable {
        case grantDecision, advancePayment, inspection, confirmation, settlement, refundReceipt
        case particulars, particularsPage, placementPage, consultationPage
    }

    /// What the losers get and what must be stored afterwards.
    struct Outcome: Sendable {
        var race: ConcurrentWriterTests.Race
        var loser: HTTPResponse.Status
        /// The problem type of a loser's answer (API only; pages answer HTML).
        var loserType: String?
        /// Reads the stored record (API representation) to compare `field` with the winner's.
        var stored: @Sendable (APIClient) async throws -> [String: Any]
        var field: String
        /// Rows the table must hold and audit entries it must have after the race.
        var rows: [(table: String, rows: Int?, audited: Int)]
    }

    static let project = "/api/v1/projects/P-TSUBAME"
    static let holdProject = "SELECT 1 FROM adopted_projects WHERE code = 'P-TSUBAME' FOR UPDATE"

    @Test(arguments: Resource.allCases)
    func oneWriterRecordsItAndTheOthersAreRefused(resource: Resource) async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, api in
            let outcome = try await Self.prepare(resource, api: api, pages: pages, fixture: fixture)
            let race = outcome.race
            let replies = try await ConcurrentWriterTests.run(race, fixture: fixture, api: api)

            let winners = replies.indices.filter { replies[$0].status == race.winner }
            #expect(winners.count == 1, "\(resource): \(replies.map { "\($0.status.code) \($0.text.prefix(300))" })")
            for reply in replies where reply.status != race.winner {
                #expect(reply.status == outcome.loser, "\(resource): \(reply.status) \(reply.text.prefix(300))")
                if let type = outcome.loserType { #expect(reply.problemType == type, "\(resource): \(reply.text)") }
            }
            guard let winner = winners.first else { return }
            let stored = try await outcome.stored(api)
            let sent = try #require(race.body(winner)?[outcome.field])
            #expect(try ConcurrentWriterTests.json(stored[outcome.field]) == ConcurrentWriterTests.json(sent),
                    "\(resource): \(outcome.field) is \(stored[outcome.field] ?? "nil"), the winner sent \(sent)")
            let owner = try fixture.ownerConnection()
            defer { owner.close() }
            for (table, rows, audited) in outcome.rows {
                let counts = try await offThread {
                    let n = try owner.query("SELECT count(*) AS n FROM \(unsafeRaw: table)")[0].decode(Int.self, "n")
                    let audit = try owner.query("""
                        SELECT count(*) AS n FROM audit_log WHERE table_name = \(table) AND actor <> 'seed'
                        """)[0].decode(Int.self, "n")
                    return (n, audit)
                }
                if let rows { #expect(counts.0 == rows, "\(resource): \(table) has \(counts.0) rows") }
                #expect(counts.1 == audited, "\(resource): \(table) has \(counts.1) audit entries")
            }
        }
    }

    /// The records a step needs before it, each made once through the API.
    static func decide(_ api: APIClient, advance: Int? = nil) async throws {
        #expect(try await api.request(.post, "\(project)/grant-decisions", as: .kanto, json: [
            "decided_on": "2024-04-15", "document_number": "20240415関局第12号", "amount_yen": 9_000_000,
        ]).status == .created)
        if let advance {
            #expect(try await api.request(.post, "\(project)/advance-payments", as: .kanto,
                                          json: ["paid_on": "2024-07-01", "amount_yen": advance]).status == .created)
        }
    }

    static func approve(_ api: APIClient, advance: Int? = nil) async throws {
        try await decide(api, advance: advance)
        let submitted = try await api.request(.post, "\(project)/claims", as: .secA, json: ["as_of": "2025-03-31"])
        #expect(try await api.request(.patch, "\(project)/claims/1", as: .kanto, json: ["status": "approved"],
                                      headers: [.ifMatch: try #require(submitted.etag)]).status == .ok)
    }

    static func confirm(_ api: APIClient, advance: Int? = nil) async throws {
        try await approve(api, advance: advance)
        #expect(try await api.request(.post, "\(project)/confirmation", as: .kanto, json: ["confirmed_on": "2025-06-10"]).status == .created)
    }

    static func read(_ path: String, as user: WebFixture.User = .kanto) -> @Sendable (APIClient) async throws -> [String: Any] {
        { api in try await api.get(path, as: user).json }
    }

    static func prepare(_ resource: Resource, api: APIClient, pages: PageClient, fixture: WebFixture) async throws -> Outcome {
        typealias Race = ConcurrentWriterTests.Race
        switch resource {
        case .grantDecision:
            // Four officials enter the same initial decision, each naming it number 1.
            let race = Race(method: .post, path: "\(project)/grant-decisions", user: .kanto, etag: nil, hold: holdProject, body: {
                ["decided_on": "2024-04-15", "document_number": "関局第\($0 + 1)号", "amount_yen": 9_000_000, "sequence": 1]
            }, winner: .created)
            return Outcome(race: race, loser: .conflict, loserType: "rule-violation",
                           stored: { api in try await api.get("\(project)/grant-decisions", as: .kanto).items.first ?? [:] },
                           field: "document_number", rows: [("grant_decisions", 1, 1)])
        case .advancePayment:
            try await decide(api)
            let race = Race(method: .post, path: "\(project)/advance-payments", user: .kanto, etag: nil, hold: holdProject, body: {
                ["paid_on": "2024-07-01", "amount_yen": 1_000_000 + $0, "sequence": 1]
            }, winner: .created)
            return Outcome(race: race, loser: .conflict, loserType: "rule-violation",
                           stored: { api in try await api.get("\(project)/advance-payments", as: .kanto).items.last ?? [:] },
                           field: "amount_yen", rows: [("advance_payments", 1, 1)])
        case .inspection:
            try await approve(api)
            // Each writer excludes another line: a mix of two inspections would show.
            let race = Race(method: .post, path: "\(project)/inspection", user: .kanto, etag: nil, hold: holdProject, body: {
                ["inspected_on": "2025-05-20", "inspector": "地域経済課 第\($0 + 1)係",
                 "lines": [["line_ref": "R-00\($0 % 2 + 1)", "result": "excluded", "note": "理由\($0)"]]]
            }, winner: .created)
            return Outcome(race: race, loser: .conflict, loserType: "rule-violation", stored: read("\(project)/inspection"),
                           field: "inspector", rows: [("inspections", 1, 1), ("inspection_lines", 1, 1)])
        case .confirmation:
            try await approve(api)
            let race = Race(method: .post, path: "\(project)/confirmation", user: .kanto, etag: nil, hold: holdProject, body: {
                ["confirmed_on": "2025-06-1\($0)"]
            }, winner: .created)
            return Outcome(race: race, loser: .conflict, loserType: "rule-violation", stored: read("\(project)/confirmation"),
                           field: "confirmed_on", rows: [("confirmations", 1, 1)])
        case .settlement:
            try await confirm(api)
            let race = Race(method: .post, path: "\(project)/settlement", user: .kanto, etag: nil, hold: holdProject, body: {
                ["paid_on": "2025-07-0\($0 + 1)"]
            }, winner: .created)
            return Outcome(race: race, loser: .conflict, loserType: "rule-violation", stored: read("\(project)/settlement"),
                           field: "paid_on", rows: [("settlements", 1, 1)])
        case .refundReceipt:
            try await confirm(api, advance: 5_000_000)
            let due = try await api.request(.post, "\(project)/settlement", as: .kanto, json: ["due_on": "2025-07-31"])
            #expect(due.status == .created)
            let race = Race(method: .patch, path: "\(project)/settlement", user: .kanto, etag: try #require(due.etag), hold: holdProject,
                            body: { ["received_on": "2025-07-2\($0)"] })
            return Outcome(race: race, loser: .preconditionFailed, loserType: "stale-version", stored: read("\(project)/settlement"),
                           field: "received_on", rows: [("settlements", 1, 2)])
        case .particulars:
            let path = "/api/v1/organizations/demo-seimitsu"
            let race = Race(method: .patch, path: path, etag: try #require(try await api.get(path, as: .secA).etag),
                            hold: "SELECT 1 FROM organizations WHERE code = 'demo-seimitsu' FOR UPDATE",
                            body: { ["address": "新潟県燕市大曲\($0 + 1)番地", "representative_title": "代表取締役"] })
            return Outcome(race: race, loser: .preconditionFailed, loserType: "stale-version", stored: read(path, as: .secA),
                           field: "address", rows: [("organizations", nil, 1)])
        case .particularsPage:
            let path = "/api/v1/organizations/demo-seimitsu"
            let version = try await rowVersion(api, path)
            let race = try await pageRace(pages, path: "/organizations/demo-seimitsu/particulars", api: path, version: version,
                                          hold: "SELECT 1 FROM organizations WHERE code = 'demo-seimitsu' FOR UPDATE",
                                          body: { ["address": "新潟県燕市大曲\($0 + 1)番地"] })
            return Outcome(race: race, loser: .preconditionFailed, loserType: nil, stored: read(path, as: .secA),
                           field: "address", rows: [("organizations", nil, 1)])
        case .placementPage:
            let created = try await api.request(.post, "/api/v1/consortia/tsubame/placements", as: .secA, json: [
                "firm": "demo-seimitsu", "person_ref": "P-001", "employment_type": "full_time", "started_on": "2024-09-01"])
            let id = try #require(created.json["id"] as? Int)
            let path = "/api/v1/consortia/tsubame/placements/\(id)"
            let race = try await pageRace(pages, path: "/consortia/tsubame/outcomes/placements/\(id)", api: path,
                                          version: try await rowVersion(api, path),
                                          hold: "SELECT 1 FROM placements WHERE id = \(id) FOR UPDATE",
                                          body: { ["ended_on": "2025-01-0\($0 + 1)"] })
            return Outcome(race: race, loser: .preconditionFailed, loserType: nil, stored: read(path, as: .secA),
                           field: "ended_on", rows: [("placements", 1, 2)])
        case .consultationPage:
            let created = try await api.request(.post, "/api/v1/consortia/tsubame/consultations", as: .secA, json: [
                "firm": "demo-seimitsu", "consulted_on": "2024-09-01", "channel": "bank"])
            let id = try #require(created.json["id"] as? Int)
            let path = "/api/v1/consortia/tsubame/consultations/\(id)"
            let categories = ["sales", "production_quality", "engineering_design", "accounting_finance"]
            let race = try await pageRace(pages, path: "/consortia/tsubame/outcomes/consultations/\(id)", api: path,
                                          version: try await rowVersion(api, path),
                                          hold: "SELECT 1 FROM consultations WHERE id = \(id) FOR UPDATE",
                                          body: { ["job_category": categories[$0 % categories.count]] })
            return Outcome(race: race, loser: .preconditionFailed, loserType: nil, stored: read(path, as: .secA),
                           field: "job_category", rows: [("consultations", 1, 2)])
        }
    }

    static func rowVersion(_ api: APIClient, _ path: String) async throws -> String {
        try #require(try await api.get(path, as: .secA).etag).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    }

    /// Writers posting the page's form, all read at one version, in one secretariat session.
    static func pageRace(
        _ pages: PageClient, path: String, api: String, version: String, hold: String, body: @escaping @Sendable (Int) -> [String: Any]
    ) async throws -> ConcurrentWriterTests.Race {
        let session = try await pages.login(.secA)
        let token = try #require(PageClient.csrf(in: try await pages.get(path, session: session).text))
        return ConcurrentWriterTests.Race(method: .post, path: api, etag: nil, hold: hold, body: body, winner: .seeOther, send: { writer in
            let fields = (body(writer) as? [String: String] ?? [:]).merging(["csrf": token, "row_version": version]) { $1 }
            return try await pages.post(path, form: fields, session: session)
        })
    }
}
