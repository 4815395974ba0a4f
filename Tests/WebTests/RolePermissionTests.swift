import Foundation
import HTTPTypes
import Store
import Testing
import TestSupport
@testable import Web

/// Each role against each resource, inside its own scope: what it may do succeeds, what it
/// may not is 403 (and outside its scope, 404: IsolationAPITests).
@Suite struct RolePermissionTests {
    struct Case: Sendable {
        let method: HTTPRequest.Method
        let path: String
        let json: [String: any Sendable]?
        let csv: String?
        let etag: Bool
        /// Expected status for admin, bureau (kanto), reviewer (review-kanto), secretariat
        /// (sec-a), viewer (view-a).
        let expected: [WebFixture.User: HTTPResponse.Status]

        /// A reviewer reads what its bureau reads and writes nothing unless `reviewer` says so.
        init(_ method: HTTPRequest.Method, _ path: String, json: [String: any Sendable]? = nil, csv: String? = nil, etag: Bool = false,
             admin: HTTPResponse.Status, bureau: HTTPResponse.Status, reviewer: HTTPResponse.Status? = nil,
             secretariat: HTTPResponse.Status, viewer: HTTPResponse.Status) {
            self.method = method
            self.path = path
            self.json = json
            self.csv = csv
            self.etag = etag
            expected = [.admin: admin, .kanto: bureau, .reviewKanto: reviewer ?? (method == .get ? bureau : .forbidden),
                        .secA: secretariat, .viewA: viewer]
        }
    }

    static let cases: [Case] = [
        Case(.get, "/api/v1/organizations/demo-seimitsu", admin: .ok, bureau: .ok, secretariat: .ok, viewer: .ok),
        Case(.post, "/api/v1/organizations", json: ["code": "new-firm", "kind": "company", "name": "新しい会社"],
             admin: .created, bureau: .forbidden, secretariat: .created, viewer: .forbidden),
        Case(.patch, "/api/v1/organizations/demo-seimitsu", json: ["employees": 90],
             admin: .ok, bureau: .forbidden, secretariat: .ok, viewer: .forbidden),
        Case(.get, "/api/v1/consortia/tsubame", admin: .ok, bureau: .ok, secretariat: .ok, viewer: .ok),
        Case(.post, "/api/v1/consortia", json: ["code": "sanjo", "name": "三条", "prefecture_code": 15, "secretariat": "tsubame-cci"],
             admin: .created, bureau: .forbidden, secretariat: .forbidden, viewer: .forbidden),
        Case(.patch, "/api/v1/consortia/tsubame", json: ["name": "燕市地域の人事部（改称）"],
             admin: .ok, bureau: .forbidden, secretariat: .ok, viewer: .forbidden),
        Case(.get, "/api/v1/consortia/tsubame/memberships", admin: .ok, bureau: .ok, secretariat: .ok, viewer: .ok),
        Case(.post, "/api/v1/consortia/tsubame/memberships", json: ["organization": "demo-kensetsu", "role": "institution", "joined_on": "2024-05-01"],
             admin: .created, bureau: .forbidden, secretariat: .created, viewer: .forbidden),
        Case(.get, "/api/v1/consortia/tsubame/events", admin: .ok, bureau: .ok, secretariat: .ok, viewer: .ok),
        Case(.post, "/api/v1/consortia/tsubame/events",
             json: ["code": "SEM-01", "kind": "seminar", "title": "人材戦略セミナー", "starts_on": "2024-06-20", "firms": ["demo-seimitsu"]],
             admin: .created, bureau: .forbidden, secretariat: .created, viewer: .forbidden),
        Case(.get, "/api/v1/consortia/tsubame/placements", admin: .ok, bureau: .ok, secretariat: .ok, viewer: .ok),
        Case(.post, "/api/v1/consortia/tsubame/placements",
             json: ["firm": "demo-seimitsu", "person_ref": "P-1", "employment_type": "side_job", "started_on": "2024-06-01"],
             admin: .created, bureau: .forbidden, secretariat: .created, viewer: .forbidden),
        Case(.post, "/api/v1/consortia/tsubame/consultations",
             json: ["firm": "demo-kinzoku", "consulted_on": "2024-06-02", "channel": "chamber"],
             admin: .created, bureau: .forbidden, secretariat: .created, viewer: .forbidden),
        Case(.get, "/api/v1/consortia/tsubame/report?fiscal_year=2024", admin: .ok, bureau: .ok, secretariat: .ok, viewer: .ok),
        Case(.get, "/api/v1/projects/P-TSUBAME", admin: .ok, bureau: .ok, secretariat: .ok, viewer: .ok),
        Case(.patch, "/api/v1/projects/P-TSUBAME", json: ["project_name": "燕市の人材確保・定着事業"], etag: true,
             admin: .ok, bureau: .forbidden, secretariat: .ok, viewer: .forbidden),
        Case(.patch, "/api/v1/projects/P-TSUBAME", json: ["status": "withdrawn"], etag: true,
             admin: .ok, bureau: .ok, secretariat: .forbidden, viewer: .forbidden),
        Case(.post, "/api/v1/projects/P-TSUBAME/advance-payments", json: ["paid_on": "2024-07-01", "amount_yen": 1000],
             admin: .created, bureau: .created, secretariat: .forbidden, viewer: .forbidden),
        Case(.get, "/api/v1/projects/P-TSUBAME/advance-payments", admin: .ok, bureau: .ok, secretariat: .ok, viewer: .ok),
        Case(.get, "/api/v1/projects/P-TSUBAME/timeline", admin: .ok, bureau: .ok, secretariat: .ok, viewer: .ok),
        Case(.get, "/api/v1/projects/P-TSUBAME/kpi-targets", admin: .ok, bureau: .ok, secretariat: .ok, viewer: .ok),
        Case(.put, "/api/v1/projects/P-TSUBAME/kpi-targets/internships", json: ["unit": "count", "target_numerator": 30],
             admin: .created, bureau: .forbidden, secretariat: .created, viewer: .forbidden),
        Case(.get, "/api/v1/projects/P-TSUBAME/expenses", admin: .ok, bureau: .ok, secretariat: .ok, viewer: .ok),
        Case(.post, "/api/v1/projects/P-TSUBAME/expenses",
             json: ["category": "travel", "incurred_on": "2024-09-01", "paid_on": "2024-09-10", "payee": "JR東日本", "amount_excl_tax_yen": 12000],
             admin: .created, bureau: .forbidden, secretariat: .created, viewer: .forbidden),
        Case(.get, "/api/v1/projects/P-TSUBAME/claim-preview?as_of=2025-03-31", admin: .ok, bureau: .ok, secretariat: .ok, viewer: .ok),
        Case(.get, "/api/v1/projects/P-TSUBAME/claims/1", admin: .ok, bureau: .ok, secretariat: .ok, viewer: .ok),
        Case(.get, "/api/v1/projects/P-TSUBAME/claims/1/report", admin: .ok, bureau: .ok, secretariat: .ok, viewer: .ok),
        Case(.patch, "/api/v1/projects/P-TSUBAME/claims/1", json: ["status": "approved"], etag: true,
             admin: .ok, bureau: .ok, reviewer: .ok, secretariat: .forbidden, viewer: .forbidden),
        Case(.post, "/api/v1/projects/P-TSUBAME/claims", json: ["as_of": "2025-03-31", "reason": "経費の追加"],
             admin: .created, bureau: .forbidden, secretariat: .created, viewer: .forbidden),
        Case(.get, "/api/v1/claims?fiscal_year=2024", admin: .ok, bureau: .ok, secretariat: .ok, viewer: .ok),
        Case(.post, "/api/v1/imports/kpi_targets", csv: "project,metric,target\nP-TSUBAME,consultations,200\n",
             admin: .ok, bureau: .forbidden, secretariat: .ok, viewer: .forbidden),
        Case(.post, "/api/v1/imports/consortia", csv: "code,name,prefecture_code,secretariat\nsanjo2,三条,15,tsubame-cci\n",
             admin: .ok, bureau: .forbidden, secretariat: .forbidden, viewer: .forbidden),
        Case(.get, "/api/v1/audit", admin: .ok, bureau: .ok, secretariat: .ok, viewer: .ok),
        Case(.get, "/api/v1/reports/bureau?fiscal_year=2024", admin: .ok, bureau: .ok, reviewer: .forbidden, secretariat: .forbidden, viewer: .forbidden),
        Case(.get, "/api/v1/export-runs", admin: .ok, bureau: .ok, reviewer: .forbidden, secretariat: .forbidden, viewer: .forbidden),
    ]

    @Test(arguments: [WebFixture.User.admin, .kanto, .reviewKanto, .secA, .viewA])
    func eachRoleMayDoWhatItsRoleAllowsAndNothingElse(user: WebFixture.User) async throws {
        let fixture = try await WebFixture.make()
        let connection = try fixture.ownerConnection()
        _ = try ClaimRepository().submit(projectCode: "P-TSUBAME", asOf: .init("2025-03-31")!, reason: nil, actor: "seed", on: connection)
        connection.close()
        try await fixture.withClient { api in
            for check in Self.cases {
                var headers: HTTPFields = [:]
                if check.etag {
                    // The version as read by the administrator, so that a refused role is refused for
                    // its role and not for a missing ETag.
                    headers[.ifMatch] = try await api.get(check.path, as: .admin).etag
                }
                let reply = try await api.request(
                    check.method, check.path, as: user, json: check.json as Any?, headers: headers, body: check.csv.map { Data($0.utf8) })
                let expected = try #require(check.expected[user])
                #expect(reply.status == expected, "\(user) \(check.method) \(check.path): \(reply.status) \(reply.text)")
                if expected == .forbidden { #expect(reply.problemType == "forbidden") }
            }
        }
    }
}
