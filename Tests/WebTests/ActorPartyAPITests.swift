import Foundation
import Testing

/// The API names who acted as the pages do for a caller outside the consortium: a bureau or a
/// reviewer reads the party (「燕市地域の人事部 事務局」, 「関東経済産業局」), never the login,
/// which is often a person's name; the secretariat, inside, keeps reading the login.
@Suite struct ActorPartyAPITests {
    @Test func aBureauReadsPartiesAndTheSecretariatLogins() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient(.live) { api in
            #expect(try await api.request(.post, "/api/v1/projects/P-TSUBAME/grant-decisions", as: .kanto, json: [
                "decided_on": "2024-04-15", "document_number": "20240415関局第12号", "amount_yen": 9_000_000,
            ]).status == .created)
            let submitted = try await api.request(.post, "/api/v1/projects/P-TSUBAME/claims", as: .secA, json: ["as_of": "2025-03-31"])
            #expect(submitted.status == .created)
            #expect(try await api.request(.patch, "/api/v1/projects/P-TSUBAME/claims/1", as: .kanto, json: ["status": "approved"],
                                          headers: [.ifMatch: try #require(submitted.etag)]).status == .ok)
            #expect(try await api.request(.post, "/api/v1/projects/P-TSUBAME/inspection", as: .kanto, json: [
                "inspected_on": "2025-05-20", "inspector": "関東経済産業局 地域経済課",
            ]).status == .created)

            let secretariat = "燕市地域の人事部 事務局", bureau = "関東経済産業局"
            let paths = ["/api/v1/projects/P-TSUBAME/claims/1", "/api/v1/projects/P-TSUBAME/claims",
                         "/api/v1/projects/P-TSUBAME/claims/1/report", "/api/v1/projects/P-TSUBAME/timeline",
                         "/api/v1/projects/P-TSUBAME/inspection", "/api/v1/audit?consortium=tsubame"]
            for user in [WebFixture.User.kanto, .reviewKanto] {
                var bodies: [APIClient.Reply] = []
                for path in paths {
                    let reply = try await api.get(path, as: user)
                    #expect(reply.status == .ok, "\(user) \(path)")
                    bodies.append(reply)
                }
                let claim = bodies[0].json
                #expect(claim["created_by"] as? String == secretariat)
                #expect(claim["status_changed_by"] as? String == bureau)
                #expect((claim["review"] as? [String: Any])?["decided_by"] as? String == bureau, "the approver")
                #expect(bodies[1].items.first?["created_by"] as? String == secretariat)
                #expect((bodies[2].json["claim"] as? [String: Any])?["created_by"] as? String == secretariat)
                let steps = bodies[3].json["steps"] as? [[String: Any]] ?? []
                #expect(steps.first { $0["step"] as? String == "claim_submitted" }?["recorded_by"] as? String == secretariat)
                #expect(steps.first { $0["step"] as? String == "grant_decision" }?["recorded_by"] as? String == bureau)
                #expect(bodies[4].json["recorded_by"] as? String == bureau)
                let actors = Set(bodies[5].items.compactMap { $0["actor"] as? String })
                #expect(actors.contains(secretariat) && actors.contains(bureau), "\(actors)")
                // Anywhere in the bytes, the audit entries' stored rows included.
                for (path, reply) in zip(paths, bodies) {
                    #expect(reply.body.range(of: Data("sec-a".utf8)) == nil && reply.body.range(of: Data("user:".utf8)) == nil,
                            "no login reaches \(user) in \(path)")
                }
            }

            // Nor may it filter by a login, which would tell whether that login acted.
            let probe = try await api.get("/api/v1/audit?actor=user:sec-a", as: .kanto)
            #expect(probe.status == .badRequest && probe.errorFields == ["actor"])

            let claim = try await api.get("/api/v1/projects/P-TSUBAME/claims/1", as: .secA).json
            #expect(claim["created_by"] as? String == "user:sec-a")
            #expect((claim["review"] as? [String: Any])?["decided_by"] as? String == "user:kanto")
            let steps = try await api.get("/api/v1/projects/P-TSUBAME/timeline", as: .secA).json["steps"] as? [[String: Any]] ?? []
            #expect(steps.first { $0["step"] as? String == "claim_submitted" }?["recorded_by"] as? String == "user:sec-a")
            let audit = try await api.get("/api/v1/audit?consortium=tsubame", as: .secA)
            #expect(audit.items.contains { $0["actor"] as? String == "user:sec-a" })
            #expect(try await api.get("/api/v1/projects/P-TSUBAME/claims/1", as: .admin).json["created_by"] as? String == "user:sec-a")
        }
    }
}
