import Foundation
import HTTPTypes
import Testing
import TestSupport

/// The reviewing party as a role with its own scope (issue 15): a reviewer names the bureaus
/// it reviews for, records each step after a claim's submission on their projects, reads
/// nothing else, and decides nothing that stays the bureau's.
@Suite struct ReviewerRoleTests {
    /// Return, approval, inspection, confirmation, the refund due and its receipt (the last from
    /// the version page's form), each recorded under the reviewer's account.
    @Test func aReviewerRecordsEachReviewStepOnItsBureausProject() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, api in
            let base = "/api/v1/projects/P-TSUBAME"
            let decision: [String: Any] = ["decided_on": "2024-04-15", "document_number": "20240415関局第12号", "amount_yen": 9_000_000]
            // The grant, the advances and the project's status stay the bureau's.
            #expect(try await api.request(.post, "\(base)/grant-decisions", as: .reviewKanto, json: decision).status == .forbidden)
            #expect(try await api.request(.post, "\(base)/grant-decisions", as: .kanto, json: decision).status == .created)
            let advance: [String: Any] = ["paid_on": "2024-07-01", "amount_yen": 5_000_000]
            #expect(try await api.request(.post, "\(base)/advance-payments", as: .reviewKanto, json: advance).status == .forbidden)
            #expect(try await api.request(.post, "\(base)/advance-payments", as: .kanto, json: advance).status == .created)
            let project = try await api.get(base, as: .reviewKanto)
            #expect(project.status == .ok)
            let withdraw = try await api.request(.patch, base, as: .reviewKanto, json: ["status": "withdrawn"],
                                                 headers: [.ifMatch: try #require(project.etag)])
            #expect(withdraw.status == .forbidden)

            let v1 = try await api.request(.post, "\(base)/claims", as: .secA, json: ["as_of": "2025-03-31"])
            #expect(v1.status == .created)
            let reason = "会場費の領収書（R-001）の写しを添付してください"
            let returned = try await api.request(.patch, "\(base)/claims/1", as: .reviewKanto, json: ["status": "returned", "reason": reason],
                                                 headers: [.ifMatch: try #require(v1.etag)])
            #expect(returned.status == .ok)
            let v2 = try await api.request(.post, "\(base)/claims", as: .secA, json: ["as_of": "2025-03-31", "reason": "R-001 の写しを添付"])
            #expect(v2.status == .created)
            let approved = try await api.request(.patch, "\(base)/claims/2", as: .reviewKanto, json: ["status": "approved"],
                                                 headers: [.ifMatch: try #require(v2.etag)])
            #expect(approved.status == .ok)
            #expect((approved.json["review"] as? [String: Any])?["decided_by"] as? String == "user:review-kanto")

            let inspected = try await api.request(.post, "\(base)/inspection", as: .reviewKanto, json: [
                "inspected_on": "2025-05-20", "inspector": "執行団体 審査課",
            ])
            #expect(inspected.status == .created)
            let confirmed = try await api.request(.post, "\(base)/confirmation", as: .reviewKanto, json: ["confirmed_on": "2025-06-10"])
            #expect(confirmed.status == .created && confirmed.json["confirmed_yen"] as? Int == 400_000)
            // Advances ¥5,000,000 against ¥400,000 confirmed: ¥4,600,000 to be refunded.
            let due = try await api.request(.post, "\(base)/settlement", as: .reviewKanto, json: ["due_on": "2025-07-31"])
            #expect(due.status == .created && due.json["amount_yen"] as? Int == 4_600_000)
            let dueVersion = try #require(due.etag).trimmingCharacters(in: CharacterSet(charactersIn: "\""))

            // The receipt from the version page: confirmed before, at the version read.
            let session = try await pages.login(.reviewKanto)
            let page = try await pages.get("/projects/P-TSUBAME/claims/2", session: session)
            #expect(page.status == .ok && page.text.contains("返還金の受領を登録する") && page.text.contains("返還額 ¥4,600,000"))
            let token = try #require(PageClient.csrf(in: page.text))
            let form = ["csrf": token, "received_on": "2025-07-25", "row_version": dueVersion]
            let unconfirmed = try await pages.post("/projects/P-TSUBAME/claims/2/refund", form: form, session: session)
            #expect(unconfirmed.status == .unprocessableContent)
            let stale = try await pages.post("/projects/P-TSUBAME/claims/2/refund",
                                             form: form.merging(["confirm": "2", "row_version": "\(Int(dueVersion)! + 1)"]) { $1 }, session: session)
            #expect(stale.status == .preconditionFailed)
            #expect(try await api.get("\(base)/settlement", as: .reviewKanto).json["received_on"] == nil)
            let received = try await pages.post("/projects/P-TSUBAME/claims/2/refund", form: form.merging(["confirm": "2"]) { $1 }, session: session)
            #expect(received.status == .seeOther)
            #expect(try await api.get("\(base)/settlement", as: .secA).json["received_on"] as? String == "2025-07-25")
            #expect(try await api.get(base, as: .secA).json["status"] as? String == "refunded")
            let after = try await pages.get("/projects/P-TSUBAME/claims/2?done=received", session: session).text
            #expect(after.contains("返還金の受領を登録しました。") && !after.contains("返還金の受領を登録する"))

            // Every step is on record under the reviewer's account.
            for (table, rows) in [("claim_reviews", 2), ("inspections", 1), ("confirmations", 1), ("settlements", 2)] {
                let audit = try await api.get("/api/v1/audit?table=\(table)", as: .admin)
                #expect(audit.items.count == rows && audit.items.allSatisfy { $0["actor"] as? String == "user:review-kanto" }, "\(table)")
            }
            let me = try await api.get("/api/v1/me", as: .reviewKanto)
            #expect(me.json["role"] as? String == "reviewer" && me.json["reviewed_bureaus"] as? [String] == ["kanto"])
        }
    }

    /// kobe is in kinki: a reviewer for kanto finds none of its projects, claims or lifecycle
    /// records, by the API or the pages, and changes nothing there.
    @Test func aReviewerOfOneBureauNeitherReadsNorActsOnAnothersProjects() async throws {
        let fixture = try await WebFixture.make()
        _ = try await IsolationAPITests.addActivities(fixture)
        try await fixture.withPages { pages, api in
            let claimTag = try #require(try await api.get("/api/v1/projects/P-KOBE/claims/1", as: .kinki).etag)
            for path in [
                "/api/v1/projects/P-KOBE", "/api/v1/projects/P-KOBE/claims", "/api/v1/projects/P-KOBE/claims/1",
                "/api/v1/projects/P-KOBE/expenses", "/api/v1/consortia/kobe", "/api/v1/organizations/kobe-firm",
                "/api/v1/projects/P-KOBE-L/grant-decisions", "/api/v1/projects/P-KOBE-L/inspection",
                "/api/v1/projects/P-KOBE-L/confirmation", "/api/v1/projects/P-KOBE-L/settlement", "/api/v1/projects/P-KOBE-L/timeline",
            ] {
                let reply = try await api.get(path, as: .reviewKanto)
                #expect(reply.status == .notFound && !reply.text.contains("神戸"), "\(path): \(reply.status)")
            }
            #expect(try await api.get("/api/v1/projects", as: .reviewKanto).items.compactMap { $0["code"] as? String } == ["P-TSUBAME", "P-TSUBAME-L"])
            #expect(try await api.get("/api/v1/claims?consortium=kobe", as: .reviewKanto).items.isEmpty)
            #expect(!(try await api.get("/api/v1/audit?limit=500", as: .reviewKanto).text.contains("神戸")))

            // Writes find nothing to act on.
            let approve = try await api.request(.patch, "/api/v1/projects/P-KOBE/claims/1", as: .reviewKanto,
                                                json: ["status": "approved"], headers: [.ifMatch: claimTag])
            #expect(approve.status == .notFound)
            let inspect = try await api.request(.post, "/api/v1/projects/P-KOBE/inspection", as: .reviewKanto,
                                                json: ["inspected_on": "2025-05-20", "inspector": "執行団体 審査課"])
            #expect(inspect.status == .notFound)
            let receipt = try await api.request(.patch, "/api/v1/projects/P-KOBE-L/settlement", as: .reviewKanto,
                                                json: ["received_on": "2025-07-25"], headers: [.ifMatch: "\"1\""])
            #expect(receipt.status == .notFound)

            // The pages: kobe's claim is not there, and a form posted at it changes nothing.
            let session = try await pages.login(.reviewKanto)
            let own = try await pages.get("/projects/P-TSUBAME/claims/1", session: session)
            #expect(own.status == .ok && own.text.contains("承認する"))
            let token = try #require(PageClient.csrf(in: own.text))
            #expect(try await pages.get("/projects/P-KOBE/claims/1", session: session).status == .notFound)
            #expect(try await pages.get("/projects/P-KOBE/claim", session: session).status == .notFound)
            let posted = try await pages.post("/projects/P-KOBE/claims/1/status", form: [
                "csrf": token, "status": "approved", "row_version": claimTag.trimmingCharacters(in: CharacterSet(charactersIn: "\"")), "confirm": "1",
            ], session: session)
            #expect(posted.status == .notFound)
            let inspection = try await pages.post("/projects/P-KOBE/claims/1/inspection", form: [
                "csrf": token, "inspected_on": "2025-05-20", "inspector": "執行団体 審査課", "confirm": "1",
            ], session: session)
            #expect(inspection.status == .notFound)

            let kobe = try await api.get("/api/v1/projects/P-KOBE/claims/1", as: .kinki)
            #expect(kobe.json["status"] as? String == "submitted" && kobe.json["review"] == nil)
            #expect(try await api.get("/api/v1/projects/P-KOBE/inspection", as: .kinki).status == .notFound)
        }
    }
}
