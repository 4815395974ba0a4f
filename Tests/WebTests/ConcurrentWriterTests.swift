import Foundation
import HTTPTypes
import Postgres
import Testing
import TestSupport
@testable import Web

/// N writers holding one ETag, at once, against every resource that has one: exactly one
/// wins, the others are answered 412 and nothing of theirs is stored.
///
/// "At once" is made certain rather than hoped for: the database owner holds the row's lock
/// while the writers start, and lets go only when every one of them waits for it. Each has by
/// then read the version it names, which is the window where a version checked by a plain
/// SELECT lets them all through.
@Suite struct ConcurrentWriterTests {
    /// The pool's size: every writer holds a connection while it waits.
    static let writers = 4

    enum Resource: String, CaseIterable, Sendable {
        case event, eventDelete, placement, consultation, organization, consortium, membership
        case expense, expenseDelete, project, kpiTarget, kpiTargetDelete, claim
    }

    /// What one race is about: where, as whom, each writer's body, the row the owner holds,
    /// the field whose stored value must be the winner's.
    struct Race: Sendable {
        var method: HTTPRequest.Method
        var path: String
        var user: WebFixture.User = .secA
        /// The version every writer names (If-Match); nil for a record added once, whose
        /// writers race for the same record instead (LifecycleWriterTests).
        var etag: String?
        /// SQL the owner runs to hold the row: `SELECT … FOR UPDATE`.
        var hold: String
        var body: @Sendable (Int) -> [String: Any]? = { _ in nil }
        /// The field of the representation (at `readPath`) that shows which writer won.
        var field: String?
        var readPath: String?
        var winner: HTTPResponse.Status = .ok
        /// Sends writer N's request another way than the API's (a page form).
        var send: (@Sendable (Int) async throws -> APIClient.Reply)?
    }

    @Test(arguments: Resource.allCases)
    func oneOfManyWritersWithTheSameETagWinsAndTheOthersAreStale(resource: Resource) async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            let race = try await Self.prepare(resource, api)
            let replies = try await Self.run(race, fixture: fixture, api: api)

            let winners = replies.indices.filter { replies[$0].status == race.winner }
            #expect(winners.count == 1, "\(resource): \(replies.map { "\($0.status.code) \($0.text)" })")
            for reply in replies where reply.status != race.winner {
                #expect(reply.status == .preconditionFailed && reply.problemType == "stale-version", "\(resource): \(reply.status) \(reply.text)")
            }
            guard let winner = winners.first else { return }
            if race.method == .delete {
                if race.readPath == nil {
                    #expect(try await api.get(race.path, as: race.user).status == .notFound)
                } else {
                    #expect(try await Self.representation(race, api).isEmpty)
                }
                return
            }
            // The winner's change is the one stored, at the next version.
            let version = Int((race.etag ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "\""))) ?? 0
            let stored = try await Self.representation(race, api)
            #expect(stored["version"] as? Int == version + 1, "\(resource): \(stored)")
            if let field = race.field, let sent = race.body(winner)?[field] {
                #expect(try Self.json(stored[field]) == Self.json(sent), "\(resource): \(field) is \(stored[field] ?? "nil"), the winner sent \(sent)")
            }
        }
    }

    /// A JSON value as canonical text, to compare what was sent with what is stored.
    static func json(_ value: Any?) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: ["v": value ?? NSNull()], options: [.sortedKeys]), as: UTF8.self)
    }

    /// Sends the writers while the owner holds the row, and lets go once they all wait.
    static func run(_ race: Race, fixture: WebFixture, api: APIClient) async throws -> [APIClient.Reply] {
        let holder = try fixture.ownerConnection()
        defer { holder.close() }
        try await offThread {
            try holder.executeScript(unsafeSQL: "BEGIN; \(race.hold)")
        }
        return try await withThrowingTaskGroup(of: (Int, APIClient.Reply).self) { group in
            for writer in 0..<writers {
                group.addTask {
                    if let send = race.send { return (writer, try await send(writer)) }
                    let reply = try await api.request(
                        race.method, race.path, as: race.user, json: race.body(writer), headers: race.etag.map { [.ifMatch: $0] } ?? [:])
                    return (writer, reply)
                }
            }
            try await waitForLockWaiters(writers, fixture: fixture)
            try await offThread { try holder.executeScript(unsafeSQL: "COMMIT") }
            var replies: [(Int, APIClient.Reply)] = []
            for try await reply in group { replies.append(reply) }
            return replies.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// Waits (a few seconds at most) until `count` sessions wait for a row lock.
    static func waitForLockWaiters(_ count: Int, fixture: WebFixture) async throws {
        let watcher = try fixture.ownerConnection()
        defer { watcher.close() }
        for _ in 0..<100 {
            let waiting = try await offThread {
                try watcher.query("""
                    SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
                    """)[0].decode(Int.self, "n")
            }
            if waiting >= count { return }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    static func representation(_ race: Race, _ api: APIClient) async throws -> [String: Any] {
        let reply = try await api.get(race.readPath ?? race.path, as: race.user)
        guard race.readPath != nil else { return reply.json }
        // A list (KPI targets): the item the path names.
        let metric = race.path.split(separator: "/").last.map(String.init)
        return reply.items.first { $0["metric"] as? String == metric } ?? [:]
    }

    /// Creates what the race needs and reads its ETag.
    static func prepare(_ resource: Resource, _ api: APIClient) async throws -> Race {
        func etag(_ path: String, as user: WebFixture.User = .secA) async throws -> String {
            try #require(try await api.get(path, as: user).etag)
        }
        switch resource {
        case .event, .eventDelete:
            let created = try await api.request(.post, "/api/v1/consortia/tsubame/events", as: .secA,
                                                json: ["code": "E1", "kind": "seminar", "title": "採用力向上セミナー", "starts_on": "2024-07-01"])
            #expect(created.status == .created)
            let path = "/api/v1/consortia/tsubame/events/E1"
            let hold = "SELECT 1 FROM events WHERE code = 'E1' FOR UPDATE"
            if resource == .eventDelete {
                return Race(method: .delete, path: path, etag: try await etag(path), hold: hold, winner: .noContent)
            }
            // Participation alone: it is part of the event and moves its version.
            return Race(method: .patch, path: path, etag: try await etag(path), hold: hold,
                        body: { ["participants": ["student": $0 + 1]] }, field: "participants")
        case .placement:
            let created = try await api.request(.post, "/api/v1/consortia/tsubame/placements", as: .secA, json: [
                "firm": "demo-seimitsu", "person_ref": "P-001", "employment_type": "full_time", "started_on": "2024-09-01"])
            let id = try #require(created.json["id"] as? Int)
            let path = "/api/v1/consortia/tsubame/placements/\(id)"
            return Race(method: .patch, path: path, etag: try await etag(path), hold: "SELECT 1 FROM placements WHERE id = \(id) FOR UPDATE",
                        body: { ["ended_on": "2025-01-0\($0 + 1)"] }, field: "ended_on")
        case .consultation:
            let created = try await api.request(.post, "/api/v1/consortia/tsubame/consultations", as: .secA, json: [
                "firm": "demo-seimitsu", "consulted_on": "2024-09-01", "channel": "bank"])
            let id = try #require(created.json["id"] as? Int)
            let path = "/api/v1/consortia/tsubame/consultations/\(id)"
            let categories = ["sales", "production_quality", "engineering_design", "accounting_finance"]
            return Race(method: .patch, path: path, etag: try await etag(path), hold: "SELECT 1 FROM consultations WHERE id = \(id) FOR UPDATE",
                        body: { ["job_category": categories[$0 % categories.count]] }, field: "job_category")
        case .organization:
            let path = "/api/v1/organizations/demo-seimitsu"
            return Race(method: .patch, path: path, etag: try await etag(path), hold: "SELECT 1 FROM organizations WHERE code = 'demo-seimitsu' FOR UPDATE",
                        body: { ["employees": 90 + $0] }, field: "employees")
        case .consortium:
            let path = "/api/v1/consortia/tsubame"
            return Race(method: .patch, path: path, etag: try await etag(path), hold: "SELECT 1 FROM consortia WHERE code = 'tsubame' FOR UPDATE",
                        body: { ["name": "燕市地域の人事部（\($0)）"] }, field: "name")
        case .membership:
            let first = try #require(try await api.get("/api/v1/consortia/tsubame/memberships", as: .secA).items.first?["id"] as? Int)
            let path = "/api/v1/consortia/tsubame/memberships/\(first)"
            return Race(method: .patch, path: path, etag: try await etag(path), hold: "SELECT 1 FROM memberships WHERE id = \(first) FOR UPDATE",
                        body: { ["group": "部会\($0)"] }, field: "group")
        case .expense, .expenseDelete:
            let first = try #require(try await api.get("/api/v1/projects/P-TSUBAME/expenses", as: .secA).items.first?["id"] as? Int)
            let path = "/api/v1/projects/P-TSUBAME/expenses/\(first)"
            let hold = "SELECT 1 FROM expenses WHERE id = \(first) FOR UPDATE"
            if resource == .expenseDelete {
                return Race(method: .delete, path: path, etag: try await etag(path), hold: hold, winner: .noContent)
            }
            return Race(method: .patch, path: path, etag: try await etag(path), hold: hold,
                        body: { ["tax_yen": 30_001 + $0] }, field: "tax_yen")
        case .project:
            let path = "/api/v1/projects/P-TSUBAME"
            return Race(method: .patch, path: path, etag: try await etag(path), hold: "SELECT 1 FROM adopted_projects WHERE code = 'P-TSUBAME' FOR UPDATE",
                        body: { ["region": "新潟県燕市（\($0)）"] }, field: "region")
        case .kpiTarget, .kpiTargetDelete:
            let list = "/api/v1/projects/P-TSUBAME/kpi-targets"
            let target = try #require(try await api.get(list, as: .secA).items.first { $0["metric"] as? String == "placements" })
            let etag = "\"\(try #require(target["version"] as? Int))\""
            let path = "\(list)/placements"
            let hold = "SELECT 1 FROM kpi_targets WHERE metric = 'placements' AND project_id = (SELECT id FROM adopted_projects WHERE code = 'P-TSUBAME') FOR UPDATE"
            if resource == .kpiTargetDelete {
                return Race(method: .delete, path: path, etag: etag, hold: hold, readPath: list, winner: .noContent)
            }
            return Race(method: .put, path: path, etag: etag, hold: hold,
                        body: { ["unit": "count", "target_numerator": 20 + $0] }, field: "target_numerator", readPath: list)
        case .claim:
            let submitted = try await api.request(.post, "/api/v1/projects/P-TSUBAME/claims", as: .secA, json: ["as_of": "2025-03-31"])
            let etag = try #require(submitted.etag)
            return Race(method: .patch, path: "/api/v1/projects/P-TSUBAME/claims/1", user: .kanto, etag: etag,
                        hold: "SELECT 1 FROM claims WHERE claim_version = 1 AND project_id = (SELECT id FROM adopted_projects WHERE code = 'P-TSUBAME') FOR UPDATE",
                        body: { $0 % 2 == 0 ? ["status": "approved"] : ["status": "returned", "reason": "証憑の不足"] }, field: "status")
        }
    }
}
