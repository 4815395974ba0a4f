import Foundation
import Testing
import TestSupport
@testable import Web

/// Lists page with `limit` and an opaque cursor, and filter by the obvious fields.
@Suite struct ListTests {
    @Test func pagingWithTheCursorVisitsEveryItemOnce() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            let all = try await api.get("/api/v1/organizations?limit=500", as: .secA).items.compactMap { $0["code"] as? String }
            #expect(all.count == 12)
            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let path = "/api/v1/organizations?limit=5" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await api.get(path, as: .secA)
                #expect(page.status == .ok)
                let codes = page.items.compactMap { $0["code"] as? String }
                #expect(codes.count <= 5)
                seen += codes
                cursor = page.json["next_cursor"] as? String
                pages += 1
            } while cursor != nil && pages < 10
            #expect(seen == all)
            #expect(pages == 3)
        }
    }

    @Test func listsFilterByFiscalYearAndOtherFields() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            #expect(try await api.get("/api/v1/projects?fiscal_year=2024", as: .admin).items.count == 2)
            #expect(try await api.get("/api/v1/projects?fiscal_year=2023", as: .admin).items.isEmpty)
            #expect(try await api.get("/api/v1/projects?bureau=kinki", as: .admin).items.compactMap { $0["code"] as? String } == ["P-KOBE"])
            #expect(try await api.get("/api/v1/projects?status=adopted&prefecture_code=15", as: .admin).items.count == 1)
            #expect(try await api.get("/api/v1/projects?consortium=kobe", as: .admin).items.compactMap { $0["code"] as? String } == ["P-KOBE"])
            #expect(try await api.get("/api/v1/projects?consortium=nowhere", as: .admin).items.isEmpty)
            #expect(try await api.get("/api/v1/projects?program=chiiki-senryaku-jinzai&frame=standard", as: .admin).items.count == 2)
            #expect(try await api.get("/api/v1/projects?frame=no-such-frame", as: .admin).items.isEmpty)
            #expect(try await api.get("/api/v1/projects?program=no-such-program", as: .admin).items.isEmpty)
            #expect(try await api.get("/api/v1/projects?bureau=kanto&fiscal_year=2024", as: .secA).items.compactMap { $0["code"] as? String } == ["P-TSUBAME"])
            let firms = try await api.get("/api/v1/consortia/tsubame/memberships?role=firm&active_on=2023-04-01", as: .secA).items
            // demo-seimitsu, demo-kinzoku, demo-youshoku, demo-shoji, demo-soft, demo-ryokan (left 2024-03-31).
            #expect(firms.count == 6)
            #expect(try await api.get("/api/v1/consortia/tsubame/memberships?role=firm&active_on=2024-04-01", as: .secA).items.count == 6)
            #expect(try await api.get("/api/v1/organizations?kind=municipality", as: .secA).items.count == 1)
            // A consortium's organizations are its members, for its secretariat as for its bureau,
            // with the other filters and across pages.
            let members = Set(try await api.get("/api/v1/consortia/tsubame/memberships?limit=500", as: .secA).items.compactMap { $0["organization"] as? String })
            #expect(members.count >= 8)
            for user in [WebFixture.User.secA, .kanto] {
                let listed = try await api.get("/api/v1/organizations?consortium=tsubame&limit=500", as: user).items.compactMap { $0["code"] as? String }
                #expect(Set(listed) == members && listed == listed.sorted(), "\(user)")
                var paged: [String] = []
                var cursor: String?
                repeat {
                    let page = try await api.get("/api/v1/organizations?consortium=tsubame&limit=3" + (cursor.map { "&cursor=\($0)" } ?? ""), as: user)
                    paged += page.items.compactMap { $0["code"] as? String }
                    cursor = page.json["next_cursor"] as? String
                } while cursor != nil
                #expect(paged == listed, "\(user)")
                let companies = try await api.get("/api/v1/organizations?consortium=tsubame&kind=company&limit=500", as: user).items
                #expect(!companies.isEmpty && companies.count < listed.count && companies.allSatisfy { $0["kind"] as? String == "company" })
            }
            #expect(try await api.get("/api/v1/organizations?consortium=tsubame", as: .kinki).items.isEmpty)
            let unpaid = try await api.get("/api/v1/projects/P-TSUBAME/expenses?paid=false", as: .secA).items
            #expect(unpaid.isEmpty)
            #expect(try await api.get("/api/v1/projects/P-TSUBAME/expenses?category=venue", as: .secA).items.count == 1)
        }
    }
}
