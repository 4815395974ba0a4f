import Foundation
import HTTPTypes
import Hummingbird
import Testing
import TestSupport
@testable import Web

/// The project list names frames as people do (issue #16 item 3): 通常枠, not `standard`, in
/// the list and in a filter that is a list to choose from and accepts the name when typed.
@Suite struct ProjectsFramePageTests {
    @Test func framesAreChosenAndShownByTheirJapaneseNames() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, _ in
            let session = try await pages.login(.kanto)
            let all = try await pages.get("/projects?year=2024", session: session)
            #expect(all.status == .ok)
            #expect(all.text.contains("<select id=\"frame\" name=\"frame\">"))
            #expect(all.text.contains("<option value=\"standard\">通常枠</option>"))
            #expect(all.text.contains("<td>通常枠</td>"))
            #expect(!all.text.contains("<td>standard</td>"))

            // 通常枠 typed into the address (or an older bookmark's code) picks the same frame.
            for frame in ["%E9%80%9A%E5%B8%B8%E6%9E%A0", "standard"] {  // 通常枠
                let filtered = try await pages.get("/projects?year=2024&frame=\(frame)", session: session)
                #expect(filtered.status == .ok, "\(frame)")
                #expect(filtered.text.contains("<option value=\"standard\" selected>通常枠</option>"), "\(frame)")
                #expect(filtered.text.contains("株式会社つばめいと"), "\(frame)")
            }
            let unknown = try await pages.get("/projects?year=2024&frame=%E7%89%B9%E5%88%A5%E6%9E%A0", session: session)  // 特別枠
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.text.contains("この年度に「特別枠」という枠はありません"))
            #expect(unknown.text.contains("通常枠"))

            // One consortium: the menu needs no code to tell it apart.
            let secretariat = try await pages.login(.secA)
            let home = try await pages.get("/consortia/tsubame", session: secretariat).text
            #expect(home.contains(">ダッシュボード</a>"))
            #expect(!home.contains("ダッシュボード（tsubame）"))
        }
    }
}
