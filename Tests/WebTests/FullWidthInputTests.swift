import Foundation
import HTTPTypes
import Testing
import TestSupport
@testable import Web

/// A code and a count typed in full-width characters, with ideographic spaces around them, as
/// staff type them in Excel or an input method: a CSV file and a form fold them by Domain's one
/// rule (`TextNormalization.halfWidth`) and store the same thing. A program's JSON request and
/// query are held to the code pattern the API's schema publishes: the same code refused there,
/// never stored differently.
@Suite struct FullWidthInputTests {
    static let space = "\u{3000}"

    @Test func aCodeAndACountInFullWidthAreReadTheSameThroughCSVAndAFormAndRefusedByTheJSONAPI() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, api in
            let csv = "code,kind,name,employees\n\(Self.space)ＦＷ－ｃｓｖ．１\(Self.space),company,全角一社目,１，２００\(Self.space)\n"
            let imported = try await api.request(.post, "/api/v1/imports/organizations", as: .secA, body: Data(csv.utf8))
            #expect(imported.status == .ok, "\(imported.text)")

            for code in ["\(Self.space)ＦＷ－ａｐｉ．１\(Self.space)", "ＦＷ－ａｐｉ．１", "FW－api.1"] {
                let refused = try await api.request(.post, "/api/v1/organizations", as: .secA, json: [
                    "code": code, "kind": "company", "name": "全角二社目", "employees": 1200,
                ])
                #expect(refused.status == .unprocessableContent, "\(refused.text)")
            }
            let created = try await api.request(.post, "/api/v1/organizations", as: .secA, json: [
                "code": "FW-api.1", "kind": "company", "name": "全角二社目", "employees": 1200,
            ])
            #expect(created.status == .created, "\(created.text)")
            let listed = try await api.get("/api/v1/organizations?consortium=%E3%80%80tsubame", as: .secA)
            #expect(listed.status == .badRequest, "\(listed.text)")

            let session = try await pages.login(.secA)
            let csrf = try #require(PageClient.csrf(in: try await pages.get("/consortia/tsubame/members", session: session).text))
            let fields = [
                "csrf": csrf, "name": "全角三社目", "code": "\(Self.space)ＦＷ－ｆｏｒｍ．１\(Self.space)", "kind": "company",
                "prefecture_code": "１５", "employees": "１，２００\(Self.space)", "role": "firm", "joined_on": "2024-10-01",
            ]
            let saved = try await pages.post("/consortia/tsubame/members/new-organization", form: fields, session: session)
            #expect(saved.status == .seeOther, "\(saved.text)")

            for code in ["FW-csv.1", "FW-api.1", "FW-form.1"] {
                let organization = try await api.get("/api/v1/organizations/\(code)", as: .secA)
                #expect(organization.status == .ok, "\(code)")
                #expect(organization.json["code"] as? String == code)
                #expect(organization.json["employees"] as? Int == 1200, "\(code)")
            }

            // A blank inside a number is no number, in a file as in a form.
            let spaced = "code,kind,name,employees\nfw-csv-2,company,全角四社目,１\(Self.space)２００\n"
            #expect(try await api.request(.post, "/api/v1/imports/organizations", as: .secA, body: Data(spaced.utf8)).status == .unprocessableContent)
            let refused = try await pages.post("/consortia/tsubame/members/new-organization",
                                               form: fields.merging(["code": "fw-form-2", "employees": "１\(Self.space)２００"]) { $1 }, session: session)
            #expect(refused.status == .unprocessableContent)
            #expect(try await api.get("/api/v1/organizations/fw-form-2", as: .secA).status == .notFound)
        }
    }
}
