import Foundation
import HTTPTypes
import Testing
import TestSupport
@testable import Web

/// Issue 17 over the API: prospects at a seminar (not at joint recruiting), a placement's fee
/// read and written, the partner that referred a consultation, mentors and their matches
/// imported, and the funnel as hubs count it.
@Suite struct FunnelAPITests {
    @Test func aSecretariatRecordsProspectsFeesReferralsAndMentorsAndReadsTheFunnel() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            // demo-ryokan left on 2024-03-31: in FY2024 it is a prospect.
            let seminar = try await api.request(.post, "/api/v1/consortia/tsubame/events", as: .secA, json: [
                "code": "S-PROSPECT", "kind": "seminar", "title": "経営者向け人材戦略セミナー", "starts_on": "2024-06-10",
                "firms": ["demo-seimitsu", "demo-ryokan", "daishi-hokuetsu"],
            ])
            #expect(seminar.status == .created, "\(seminar.text)")
            let recruiting = try await api.request(.post, "/api/v1/consortia/tsubame/events", as: .secA, json: [
                "code": "J-PROSPECT", "kind": "joint_recruiting", "title": "合同企業説明会", "starts_on": "2024-06-11",
                "firms": ["demo-seimitsu", "demo-ryokan"],
            ])
            #expect(recruiting.status == .unprocessableContent)
            #expect(recruiting.text.contains("株式会社燕温泉旅館（demo-ryokan）は 2024-06-11 にコンソーシアム tsubame の会員ではありません"))

            let placement = try await api.request(.post, "/api/v1/consortia/tsubame/placements", as: .secA, json: [
                "firm": "demo-seimitsu", "person_ref": "P-FEE", "employment_type": "full_time", "started_on": "2024-07-01",
                "fee_yen": 1_200_000,
            ])
            #expect(placement.status == .created, "\(placement.text)")
            #expect(placement.json["fee_yen"] as? Int == 1_200_000)
            let id = try #require(placement.json["id"] as? Int)
            // A change that does not name the fee keeps it.
            let ended = try await api.request(.patch, "/api/v1/consortia/tsubame/placements/\(id)", as: .secA, json: ["ended_on": "2025-09-30"])
            #expect(ended.status == .ok && ended.json["fee_yen"] as? Int == 1_200_000)
            let negative = try await api.request(.patch, "/api/v1/consortia/tsubame/placements/\(id)", as: .secA, json: ["fee_yen": -1])
            #expect(negative.status == .unprocessableContent && negative.text.contains("fee_yen"))
            let cleared = try await api.request(.patch, "/api/v1/consortia/tsubame/placements/\(id)", as: .secA, json: ["fee_yen": NSNull()])
            #expect(cleared.status == .ok && cleared.json["fee_yen"] == nil)
            let restored = try await api.request(.patch, "/api/v1/consortia/tsubame/placements/\(id)", as: .secA, json: ["fee_yen": 800_000])
            #expect(try await api.get("/api/v1/consortia/tsubame/placements/\(id)", as: .secA).json["fee_yen"] as? Int == 800_000)
            #expect(restored.status == .ok)

            let consultation = try await api.request(.post, "/api/v1/consortia/tsubame/consultations", as: .secA, json: [
                "firm": "demo-ryokan", "consulted_on": "2024-06-20", "channel": "bank", "referred_by": "daishi-hokuetsu",
            ])
            #expect(consultation.status == .created, "\(consultation.text)")
            #expect(consultation.json["referred_by"] as? String == "daishi-hokuetsu")

            let mentors = try await api.request(.post, "/api/v1/imports/mentors", as: .secA, body: Data("""
                consortium,ref,registered_on,expertise
                tsubame,MM-01,2023-04-01,生産管理
                """.utf8))
            #expect(mentors.status == .ok, "\(mentors.text)")
            let session = try await api.request(.post, "/api/v1/consortia/tsubame/events", as: .secA, json: [
                "code": "M-1", "kind": "mentor_session", "title": "新現役交流会", "starts_on": "2024-09-20",
                "firms": ["demo-ryokan", "demo-kinzoku"],
            ])
            #expect(session.status == .created)
            let matches = try await api.request(.post, "/api/v1/imports/mentor_matches", as: .secA, body: Data("""
                consortium,event,firm,mentor
                tsubame,M-1,demo-ryokan,MM-01
                """.utf8))
            #expect(matches.status == .ok, "\(matches.text)")
            #expect(try await api.request(.post, "/api/v1/imports/mentors", as: .viewA, body: Data("consortium,ref,registered_on\n".utf8)).status == .forbidden)

            let funnel = try await api.get("/api/v1/consortia/tsubame/funnel?fiscal_year=2024&as_of=2025-06-01", as: .secA)
            #expect(funnel.status == .ok, "\(funnel.text)")
            let seminars = funnel.json["seminars"] as? [String: Any] ?? [:]
            #expect(seminars["firm_sessions"] as? Int == 2 && seminars["prospect_firms"] as? Int == 1 && seminars["member_firms"] as? Int == 1)
            #expect(funnel.json["consultations_from_prospects"] as? Int == 1 && funnel.json["new_consultations"] as? Int == 1)
            #expect((funnel.json["referrals_from"] as? [String: Any])?["regional_bank"] as? Int == 1)
            #expect(funnel.json["matches_full_time"] as? Int == 1 && funnel.json["fee_income_yen"] as? Int == 800_000)
            let programme = funnel.json["mentor_programme"] as? [String: Any] ?? [:]
            #expect(programme["mentors_registered"] as? Int == 1 && programme["firms_taking_part"] as? Int == 2 && programme["firms_matched"] as? Int == 1)
            #expect(try await api.get("/api/v1/consortia/tsubame/funnel", as: .secA).status == .badRequest)
            let register = try await api.get("/api/v1/consortia/tsubame/mentors", as: .viewA)
            #expect(register.status == .ok)
            #expect(register.items.map { "\($0["ref"] ?? "")/\($0["matches"] ?? "")" } == ["MM-01/1"])
        }
    }
}
