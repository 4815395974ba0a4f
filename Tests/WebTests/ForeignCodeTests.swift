import Foundation
import HTTPTypes
import Testing
import TestSupport
@testable import Web

/// Organisation codes and corporate numbers are unique across all consortia. A secretariat
/// that picks one another consortium uses is refused like any value it may not use (422 on
/// the field), not told that the record exists (409); a collision with an organisation it can
/// see stays a 409 naming the field. No answer quotes the database.
@Suite struct ForeignCodeTests {
    static let databaseWords = ["row-level", "violates", "42501", "23505", "constraint", "policy", "duplicate key", "_key"]

    @Test func aCodeOrNumberAnotherConsortiumUsesIsRefusedWithoutSayingItExists() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            let foreignCode = try await api.request(.post, "/api/v1/organizations", as: .secA,
                                                    json: ["code": "kobe-firm", "kind": "company", "name": "株式会社テスト"])
            #expect(foreignCode.status == .unprocessableContent && foreignCode.errorFields == ["code"], "\(foreignCode.status) \(foreignCode.text)")
            // The answer for a code nobody can be told about is the one for a malformed code:
            // same status, same problem type, the field named; the record is not mentioned.
            let malformed = try await api.request(.post, "/api/v1/organizations", as: .secA,
                                                  json: ["code": "no spaces", "kind": "company", "name": "株式会社テスト"])
            #expect(malformed.status == foreignCode.status && malformed.problemType == foreignCode.problemType)
            let foreignNumber = try await api.request(.post, "/api/v1/organizations", as: .secA, json: [
                "code": "new-firm", "kind": "company", "name": "株式会社テスト", "corporate_number": WebFixture.kobeFirmNumber])
            #expect(foreignNumber.status == .unprocessableContent && foreignNumber.errorFields == ["corporate_number"])
            for reply in [foreignCode, foreignNumber] {
                #expect(!reply.text.contains("既に登録") && !reply.text.contains("神戸") && !reply.text.contains("kobe-firm"), "\(reply.text)")
                for word in Self.databaseWords { #expect(!reply.text.contains(word), "\(reply.text)") }
            }

            // Organisations the secretariat can see: a conflict, naming the field.
            let ownCode = try await api.request(.post, "/api/v1/organizations", as: .secA,
                                                json: ["code": "demo-seimitsu", "kind": "company", "name": "株式会社テスト"])
            #expect(ownCode.status == .conflict && ownCode.problemType == "already-exists" && ownCode.errorFields == ["code"])
            let ownNumber = try await api.request(.post, "/api/v1/organizations", as: .secA, json: [
                "code": "new-firm", "kind": "company", "name": "株式会社テスト", "corporate_number": "4110001000001"])
            #expect(ownNumber.status == .conflict && ownNumber.errorFields == ["corporate_number"], "\(ownNumber.status) \(ownNumber.text)")
            // An administrator sees every organisation: a conflict for it.
            let admin = try await api.request(.post, "/api/v1/organizations", as: .admin,
                                              json: ["code": "kobe-firm", "kind": "company", "name": "株式会社テスト"])
            #expect(admin.status == .conflict && admin.errorFields == ["code"])
        }
        let connection = try fixture.ownerConnection()
        defer { connection.close() }
        #expect(try connection.query("SELECT count(*) AS n FROM organizations WHERE code = 'new-firm'")[0].decode(Int.self, "n") == 0)
    }

    @Test func anImportRowTheDatabaseRefusesIsReportedInJapaneseWithoutItsText() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            let csv = "code,kind,name\nkobe-firm,company,株式会社テスト\n"
            let refused = try await api.request(.post, "/api/v1/imports/organizations", as: .secA, body: Data(csv.utf8))
            #expect(refused.status == .unprocessableContent, "\(refused.status) \(refused.text)")
            #expect(refused.text.contains("2行目") || refused.text.contains("\"line\":2"), "\(refused.text)")
            #expect(refused.text.contains("権限"), "\(refused.text)")
            for word in Self.databaseWords { #expect(!refused.text.contains(word), "\(refused.text)") }
        }
        let connection = try fixture.ownerConnection()
        defer { connection.close() }
        #expect(try connection.query("SELECT name FROM organizations WHERE code = 'kobe-firm'")[0].decode(String.self, "name") == "神戸精工株式会社")
    }
}
