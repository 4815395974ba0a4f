import Foundation
import HTTPTypes
import Hummingbird
import Testing
import TestSupport
@testable import Web

/// Recording that a member left (issue #16 item 2): a confirmation page first, a message
/// after, and an undo that needs no edit form.
@Suite struct MemberLeavePageTests {
    @Test func leavingIsConfirmedFirstAnnouncedAfterAndUndoneFromTheMessage() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, api in
            let session = try await pages.login(.secA)
            let list = try await pages.get("/consortia/tsubame/members", session: session).text
            // No one-click leaving: the list links to a confirmation page.
            #expect(!list.contains("name=\"left_on\""))
            let row = try #require(list.range(of: "株式会社ツバメソフト"))
            let rest = list[row.upperBound...]
            let path = String(rest[try #require(rest.range(of: #"/consortia/tsubame/members/\d+/leave"#, options: .regularExpression))])
            let id = path.split(separator: "/")[3]
            let confirm = try await pages.get(path, session: session)
            #expect(confirm.status == .ok)
            #expect(confirm.text.contains("株式会社ツバメソフト"))
            #expect(confirm.text.contains("やめて一覧へ戻る"))
            let token = try #require(PageClient.csrf(in: confirm.text))
            let found = try #require(confirm.text.range(of: #"name="row_version" value="\d+""#, options: .regularExpression))
            let version = String(confirm.text[found].split(separator: "\"")[3])
            #expect(try await api.get("/api/v1/consortia/tsubame/memberships/\(id)", as: .secA).json["left_on"] as? String == nil,
                    "opening the confirmation changes nothing")

            // A date before joining comes back beside the field, as typed.
            let early = try await pages.post(path, form: ["csrf": token, "row_version": version, "left_on": "2000-01-01"], session: session)
            #expect(early.status == .unprocessableContent)
            let field = try #require(PageClient.field("left_on", in: early.text))
            #expect(field.contains("value=\"2000-01-01\"") && field.contains("field-error"))

            let left = try await pages.post(path, form: ["csrf": token, "row_version": version, "left_on": "令和7年3月31日"], session: session)
            #expect(left.status == .seeOther)
            let location = try #require(left.headers[.location])
            #expect(location == "/consortia/tsubame/members?done=left&member=\(id)")
            #expect(try await api.get("/api/v1/consortia/tsubame/memberships/\(id)", as: .secA).json["left_on"] as? String == "2025-03-31")
            let message = try await pages.get(location, session: session).text
            #expect(message.contains("株式会社ツバメソフトの退会（令和7年3月31日）を記録しました。"))
            let undo = try #require(message.range(of: "/consortia/tsubame/members/\(id)/undo-leave"))
            let undoVersion = try #require(message[undo.upperBound...].range(of: #"name="row_version" value="\d+""#, options: .regularExpression))
            let undone = try await pages.post("/consortia/tsubame/members/\(id)/undo-leave", form: [
                "csrf": token, "row_version": String(message[undoVersion].split(separator: "\"")[3]),
            ], session: session)
            #expect(undone.status == .seeOther)
            #expect(try await api.get("/api/v1/consortia/tsubame/memberships/\(id)", as: .secA).json["left_on"] as? String == nil)
            let after = try await pages.get(try #require(undone.headers[.location]), session: session).text
            #expect(after.contains("株式会社ツバメソフトの退会を取り消しました。"))

            // A viewer is not offered the confirmation.
            let viewer = try await pages.login(.viewA)
            #expect(try await pages.get(path, session: viewer).status == .forbidden)
        }
    }
}
