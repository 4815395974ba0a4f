import Foundation
import HTTPTypes
import Testing
import TestSupport
@testable import Web

/// Writes are checked by the Domain rules and answered 422 naming each invalid field.
@Suite struct ValidationTests {
    @Test func everyInvalidFieldIsNamed() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            let organization = try await api.request(.post, "/api/v1/organizations", as: .secA, json: [
                "code": "bad code", "kind": "bakery", "name": "", "corporate_number": "7110002019385",
                "prefecture_code": 48, "capital_yen": -1, "employees": "many", "colour": "blue",
            ])
            #expect(organization.status == .unprocessableContent)
            #expect(organization.problemType == "validation-failed")
            #expect(Set(organization.errorFields) == [
                "code", "kind", "name", "corporate_number", "prefecture_code", "capital_yen", "employees", "colour",
            ])
            let messages = organization.json["errors"] as? [[String: String]] ?? []
            #expect(messages.first { $0["field"] == "corporate_number" }?["message"]?.isEmpty == false)

            let expense = try await api.request(.post, "/api/v1/projects/P-TSUBAME/expenses", as: .secA, json: [
                "category": "snacks", "incurred_on": "2024-02-30", "payee": "x", "amount_excl_tax_yen": 1.5,
            ])
            #expect(expense.status == .unprocessableContent)
            #expect(Set(expense.errorFields) == ["category", "incurred_on", "amount_excl_tax_yen"])

            let project = try await api.get("/api/v1/projects/P-TSUBAME", as: .secA)
            let period = try await api.request(.patch, "/api/v1/projects/P-TSUBAME", as: .secA,
                                               json: ["starts_on": "2023-04-01", "ends_on": "2024-03-31"],
                                               headers: [.ifMatch: project.etag ?? ""])
            #expect(period.status == .unprocessableContent)
            #expect(Set(period.errorFields) == ["starts_on", "ends_on"])

            let skip = try await api.request(.patch, "/api/v1/projects/P-TSUBAME", as: .kanto, json: ["status": "paid"],
                                             headers: [.ifMatch: project.etag ?? ""])
            #expect(skip.status == .unprocessableContent)
            #expect(skip.errorFields == ["status"])

            let membership = try await api.request(.post, "/api/v1/consortia/tsubame/memberships", as: .secA, json: [
                "organization": "demo-soft", "role": "firm", "joined_on": "2024-04-01", "left_on": "2024-03-01",
            ])
            #expect(membership.errorFields == ["left_on"])
        }
    }

    @Test func malformedBodiesAndQueriesAreClientErrors() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            let notJSON = try await api.request(.post, "/api/v1/organizations", as: .secA, body: Data("{".utf8), contentType: "application/json")
            #expect(notJSON.status == .badRequest && notJSON.problemType == "malformed-json")
            let form = try await api.request(.post, "/api/v1/organizations", as: .secA, body: Data("code=x".utf8),
                                             contentType: "application/x-www-form-urlencoded")
            #expect(form.status == .unsupportedMediaType)
            let query = try await api.get("/api/v1/projects?fiscal_year=R6&limit=0&cursor=%%%", as: .secA)
            #expect(query.status == .badRequest && query.problemType == "invalid-query")
            #expect(Set(query.errorFields) == ["fiscal_year", "limit", "cursor"])
        }
    }

    /// PostgreSQL text cannot hold NUL: it must be refused as input, never reach the database.
    @Test func controlCharactersAreRefusedBeforeTheDatabase() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            let session = try await AccountHardeningTests.session(api, "sec-a")
            let token = try await api.request(.post, "/api/v1/tokens", json: ["name": "\u{0}"], headers: session)
            #expect(token.status == .unprocessableContent && token.errorFields == ["name"])
            let path = try await api.get("/api/v1/organizations/demo%00soft", as: .secA)
            #expect(path.status == .notFound)
            let query = try await api.get("/api/v1/audit?actor=%00", as: .secA)
            #expect(query.status == .badRequest)
            let metric = try await api.request(.delete, "/api/v1/projects/P-TSUBAME/kpi-targets/placements%0A", as: .secA)
            #expect(metric.status == .notFound)
            let csv = Data("code,kind,name\nnul-1,company,a\u{0}b\n".utf8)
            let upload = try await api.request(.post, "/api/v1/imports/organizations", as: .secA, body: csv)
            #expect(upload.status.code < 500)
            let expenses = Data("project,category,incurred_on,payee,amount_excl_tax_yen\nP-TSUBAME,travel,2024-08-01,a\u{0}b,1\n".utf8)
            let lines = try await api.request(.post, "/api/v1/imports/expenses", as: .secA, body: expenses)
            #expect(lines.status.code < 500)
        }
    }

    @Test func aDuplicateCodeIsAConflictNamingTheField() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            let duplicate = try await api.request(.post, "/api/v1/organizations", as: .secA,
                                                  json: ["code": "demo-soft", "kind": "company", "name": "同じコード"])
            #expect(duplicate.status == .conflict && duplicate.problemType == "already-exists")
            #expect(duplicate.errorFields == ["code"])
            // Another consortium's corporate number: refused without saying whose it is, or that
            // it is anyone's (409 is only for organisations the caller can see; ForeignCodeTests).
            let taken = try await api.request(.post, "/api/v1/organizations", as: .secA,
                                              json: ["code": "copy", "kind": "company", "name": "写し", "corporate_number": WebFixture.kobeFirmNumber])
            #expect(taken.status == .unprocessableContent && taken.errorFields == ["corporate_number"])
            #expect(!taken.text.contains("kobe") && !taken.text.contains("神戸"))
        }
    }
}
