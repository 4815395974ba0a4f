import Foundation
import HTTPTypes
import Hummingbird
import Testing
import TestSupport
@testable import Web

/// The members page: search, adding a member by corporate number (checked as submitted) and
/// recording that a firm left, through the API's membership rules.
@Suite struct MembersPageTests {
    @Test func aSecretariatSearchesAddsAndRecordsALeavingFirm() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, _ in
            let session = try await pages.login(.secA)
            let search = try await pages.get("/consortia/tsubame/members?q=%E6%B4%8B%E9%A3%9F%E5%99%A8", session: session)  // 洋食器
            #expect(search.status == .ok)
            #expect(search.text.contains("株式会社洋食器つばめ"))
            #expect(!search.text.contains("燕建設株式会社"))

            let token = try #require(PageClient.csrf(in: search.text))
            let invalid = try await pages.post("/consortia/tsubame/members", form: [
                "csrf": token, "corporate_number": "1234567890123", "role": "firm", "joined_on": "令和6年10月1日", "group": "新グループ",
            ], session: session)
            #expect(invalid.status == .unprocessableContent)
            let number = try #require(PageClient.field("corporate_number", in: invalid.text))
            #expect(number.contains("value=\"1234567890123\""))
            #expect(number.contains("field-error"))
            #expect(try #require(PageClient.field("joined_on", in: invalid.text)).contains("value=\"令和6年10月1日\""))
            #expect(try #require(PageClient.field("group", in: invalid.text)).contains("value=\"新グループ\""))

            let added = try await pages.post("/consortia/tsubame/members", form: [
                "csrf": token, "corporate_number": WebFixture.kobeFirmNumber, "role": "firm", "joined_on": "2024-10-01",
            ], session: session)
            #expect(added.status == .seeOther)
            let list = try await pages.get("/consortia/tsubame/members?role=firm", session: session)
            #expect(list.text.contains("神戸精工株式会社"))

            // The leave confirmation of 株式会社ツバメソフト, as the list links to it.
            let html = list.text
            let row = try #require(html.range(of: "株式会社ツバメソフト"))
            let rest = html[row.upperBound...]
            let action = String(rest[try #require(rest.range(of: #"/consortia/tsubame/members/\d+/leave"#, options: .regularExpression))])
            let confirm = try await pages.get(action, session: session).text
            let version = try #require(confirm.range(of: #"name="row_version" value="\d+""#, options: .regularExpression))
            let rowVersion = String(confirm[version].split(separator: "\"")[3])
            let left = try await pages.post(action, form: ["csrf": token, "left_on": "2025-03-31", "row_version": rowVersion],
                                            session: session)
            #expect(left.status == .seeOther)
            let after = try await pages.get("/consortia/tsubame/members?q=%E3%83%84%E3%83%90%E3%83%A1%E3%82%BD%E3%83%95%E3%83%88", session: session)
            #expect(after.text.contains("令和7年3月31日"))
            let stale = try await pages.post(action, form: ["csrf": token, "left_on": "2025-03-30", "row_version": rowVersion],
                                             session: session)
            #expect(stale.status == .preconditionFailed)
        }
    }

    @Test func membersOfAnotherConsortiumAreNotFoundAndAViewerOnlyReads() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, _ in
            let other = try await pages.login(.secB)
            #expect(try await pages.get("/consortia/tsubame/members", session: other).status == .notFound)
            let viewer = try await pages.login(.viewA)
            let list = try await pages.get("/consortia/tsubame/members", session: viewer)
            #expect(list.status == .ok)
            #expect(list.text.contains("燕精密工業株式会社"))
            #expect(!list.text.contains("構成員を追加する"))
            let token = try #require(PageClient.csrf(in: list.text))
            let refused = try await pages.post("/consortia/tsubame/members", form: [
                "csrf": token, "organization": "kobe-firm", "role": "firm", "joined_on": "2024-10-01",
            ], session: viewer)
            #expect(refused.status == .forbidden)
        }
    }

    @Test func aSecretariatEditsAMembershipAndSeesMistakesBesideTheirFields() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, _ in
            let session = try await pages.login(.secA)
            let list = try await pages.get("/consortia/tsubame/members", session: session).text
            let name = try #require(list.range(of: ">燕商事株式会社</a>"))
            let start = try #require(list[..<name.lowerBound].range(of: "/consortia/tsubame/members/", options: .backwards))
            let path = "/consortia/tsubame/members/" + list[start.upperBound...].prefix { $0.isNumber }
            let form = try await pages.get(path, session: session)
            #expect(form.status == .ok)
            #expect(try #require(PageClient.field("joined_on", in: form.text)).contains("value=\"2023-04-01\""))
            let token = try #require(PageClient.csrf(in: form.text))
            let version = try #require(form.text.range(of: #"name="row_version" value="\d+""#, options: .regularExpression))
            let rowVersion = String(form.text[version].split(separator: "\"")[3])

            let invalid = try await pages.post(path, form: [
                "csrf": token, "row_version": rowVersion, "role": "firm", "joined_on": "2023-04-01", "left_on": "2023-03-01", "group": "商社会",
            ], session: session)
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.text.contains("<p class=\"notice error\" role=\"alert\">入力に誤りがあります。各項目の横の説明を見て直してください。</p>"))
            let left = try #require(PageClient.field("left_on", in: invalid.text))
            #expect(left.contains("field-error"))
            #expect(left.contains("value=\"2023-03-01\""))
            #expect(try #require(PageClient.field("group", in: invalid.text)).contains("value=\"商社会\""))

            let saved = try await pages.post(path, form: [
                "csrf": token, "row_version": rowVersion, "role": "firm", "joined_on": "2023-04-01", "left_on": "", "group": "商社会",
            ], session: session)
            #expect(saved.status == .seeOther)
            #expect(try await pages.get("/consortia/tsubame/members?q=%E5%95%86%E7%A4%BE%E4%BC%9A", session: session).text.contains("燕商事株式会社"))
            let other = try await pages.login(.secB)
            #expect(try await pages.get(path, session: other).status == .notFound)
        }
    }
}
