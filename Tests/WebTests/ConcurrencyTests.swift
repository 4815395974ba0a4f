import Foundation
import HTTPTypes
import Testing
import TestSupport
@testable import Web

/// Updates to projects, expenses and claims name the version they were read at: a stale
/// If-Match is 412, a missing one 428, and nothing changes.
@Suite struct ConcurrencyTests {
    @Test func aStaleIfMatchIsRefusedForProjectsExpensesAndClaims() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            // Project: two people read version 1; the first change wins, the second is 412.
            let read = try await api.get("/api/v1/projects/P-TSUBAME", as: .secA)
            let etag = try #require(read.etag)
            let first = try await api.request(.patch, "/api/v1/projects/P-TSUBAME", as: .secA, json: ["region": "新潟県燕市・弥彦村"], headers: [.ifMatch: etag])
            #expect(first.status == .ok && first.etag != etag)
            let second = try await api.request(.patch, "/api/v1/projects/P-TSUBAME", as: .secA, json: ["region": "新潟県燕市"], headers: [.ifMatch: etag])
            #expect(second.status == .preconditionFailed && second.problemType == "stale-version")
            // An invalid body is refused as invalid whatever version it names (schemathesis:
            // an unknown field with a stale If-Match answered 412, which says nothing about it).
            let invalid = try await api.request(.patch, "/api/v1/projects/P-TSUBAME", as: .secA, json: ["region": "x", "colour": "blue"], headers: [.ifMatch: etag])
            #expect(invalid.status == .unprocessableContent && invalid.errorFields == ["colour"])
            let organization = try await api.request(.patch, "/api/v1/organizations/demo-seimitsu", as: .secA, json: ["colour": "blue"], headers: [.ifMatch: "\"999\""])
            #expect(organization.status == .unprocessableContent && organization.errorFields == ["colour"])
            #expect(try await api.request(.post, "/api/v1/consortia/tsubame/events", as: .secA, json: [
                "code": "E1", "kind": "seminar", "title": "採用力向上セミナー", "starts_on": "2024-07-01"]).status == .created)
            let event = try await api.request(.patch, "/api/v1/consortia/tsubame/events/E1", as: .secA, json: ["colour": "blue"], headers: [.ifMatch: "\"999\""])
            #expect(event.status == .unprocessableContent && event.errorFields == ["colour"])
            let member = try #require(try await api.get("/api/v1/consortia/tsubame/memberships", as: .secA).items.first?["id"] as? Int)
            let membership = try await api.request(.patch, "/api/v1/consortia/tsubame/memberships/\(member)", as: .secA, json: ["colour": "blue"], headers: [.ifMatch: "\"999\""])
            #expect(membership.status == .unprocessableContent && membership.errorFields == ["colour"])
            let missing = try await api.request(.patch, "/api/v1/projects/P-TSUBAME", as: .secA, json: ["region": "新潟県燕市"])
            #expect(missing.status == .preconditionRequired && missing.problemType == "precondition-required")
            #expect(try await api.get("/api/v1/projects/P-TSUBAME", as: .secA).json["region"] as? String == "新潟県燕市・弥彦村")

            // Expense.
            let expense = try #require(try await api.get("/api/v1/projects/P-TSUBAME/expenses", as: .secA).items.first)
            let id = try #require(expense["id"] as? Int)
            let path = "/api/v1/projects/P-TSUBAME/expenses/\(id)"
            let current = try #require(try await api.get(path, as: .secA).etag)
            #expect(try await api.request(.patch, path, as: .secA, json: ["tax_yen": 30001], headers: [.ifMatch: current]).status == .ok)
            #expect(try await api.request(.patch, path, as: .secA, json: ["tax_yen": 1], headers: [.ifMatch: current]).status == .preconditionFailed)
            #expect(try await api.request(.delete, path, as: .secA, headers: [.ifMatch: current]).status == .preconditionFailed)
            #expect(try await api.request(.delete, path, as: .secA).status == .preconditionRequired)
            #expect(try await api.get(path, as: .secA).json["tax_yen"] as? Int == 30001)

            // Claim: submitted, then approved by the bureau at the version it read.
            let submitted = try await api.request(.post, "/api/v1/projects/P-TSUBAME/claims", as: .secA, json: ["as_of": "2025-03-31"])
            #expect(submitted.status == .created)
            let claimTag = try #require(submitted.etag)
            let approved = try await api.request(.patch, "/api/v1/projects/P-TSUBAME/claims/1", as: .kanto, json: ["status": "approved"], headers: [.ifMatch: claimTag])
            #expect(approved.status == .ok)
            let late = try await api.request(.patch, "/api/v1/projects/P-TSUBAME/claims/1", as: .kanto, json: ["status": "returned", "reason": "証憑の不足"], headers: [.ifMatch: claimTag])
            #expect(late.status == .preconditionFailed)
            #expect(try await api.get("/api/v1/projects/P-TSUBAME/claims/1", as: .secA).json["status"] as? String == "approved")
        }
    }
}
