import Foundation
import HTTPTypes
import Hummingbird
import Testing
import TestSupport
@testable import Web

/// Error pages for people who are signed in (issue #16 item 8): the menu stays, and a form
/// refused because someone else changed the record first says so and leads back.
@Suite struct ErrorPageTests {
    @Test func errorPagesKeepTheMenuOfTheSignedInPerson() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, _ in
            let session = try await pages.login(.secA)
            let missing = try await pages.get("/projects/P-KOBE/claim", session: session)
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("ページが見つかりません"))
            #expect(missing.text.contains("href=\"/consortia/tsubame/members\""))
            #expect(missing.text.contains("ログアウト"))

            let viewer = try await pages.login(.viewA)
            let list = try await pages.get("/consortia/tsubame/members", session: viewer)
            let token = try #require(PageClient.csrf(in: list.text))
            let forbidden = try await pages.post("/consortia/tsubame/members", form: [
                "csrf": token, "organization": "kobe-firm", "role": "firm", "joined_on": "2024-10-01",
            ], session: viewer)
            #expect(forbidden.status == .forbidden)
            #expect(forbidden.text.contains("この操作はできません"))
            #expect(forbidden.text.contains("ログアウト"))
        }
    }

    @Test func aStaleFormSaysWhatHappenedAndLeadsBackToThePage() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, _ in
            let session = try await pages.login(.secA)
            let list = try await pages.get("/consortia/tsubame/members", session: session).text
            let token = try #require(PageClient.csrf(in: list))
            let link = try #require(list.range(of: #"/consortia/tsubame/members/\d+/leave"#, options: .regularExpression))
            let path = String(list[link])
            let stale = try await pages.post(path, form: ["csrf": token, "row_version": "999", "left_on": "2025-03-31"], session: session,
                                             referer: "http://localhost\(path)")
            #expect(stale.status == .preconditionFailed)
            #expect(stale.text.contains("他の人が先に更新しました。前のページを開き直して"))
            #expect(stale.text.contains("<a href=\"\(path)\">前のページへ戻る</a>"))
            #expect(stale.text.contains("ログアウト"))
            // A page elsewhere is not offered as the way back.
            let foreign = try await pages.post(path, form: ["csrf": token, "row_version": "999", "left_on": "2025-03-31"], session: session,
                                               referer: "https://elsewhere.example/phish")
            #expect(!foreign.text.contains("前のページへ戻る"))
        }
    }
}
