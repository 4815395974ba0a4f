import Domain
import Foundation
import Postgres
import Store
import TestSupport

/// A small hand-built data set whose every figure is worked out below by hand, loaded through
/// the importers (the activities by SQL, so that every date and link is exactly as stated).
///
/// FY2024, as of 2025-07-31:
/// - R6-T1 (燕, 新潟 → kanto; 通常枠 1/2, cap ¥10,000,000, equipment capped at ¥500,000 by the
///   fixture's own `import frames`;
///   granted ¥9,000,000, prior ¥3,000,000): personnel ¥10,000,000 eligible, equipment
///   ¥600,000 (¥100,000 over the cap), travel ¥50,000 unpaid, venue ¥20,000 without
///   evidence, advertising ¥30,000 excluded, course_operation ¥40,000 not covered.
///   Total ¥10,740,000, eligible ¥10,500,000, ineligible ¥240,000, subsidy ¥5,250,000,
///   claim ¥2,250,000.
/// - R6-T2 (燕; side-job frame B, person cap ¥500,000, firm cap ¥2,500,000, unit ¥1; granted
///   ¥2,000,000): persons at ¥1,200,000, ¥300,001 and ¥4,000,000 at one firm → ¥1,150,000.
/// - R6-O1 (大阪 → kinki; 通常枠; granted ¥5,000,000): personnel ¥1,000,001 → ¥500,000.
/// - R5-T1 (燕, FY2023): makes 株式会社つばめいと a repeat applicant.
///
/// Activities of 燕 in FY2024: E1 seminar (no project; 10 students, 5 employees), E2
/// internship for R6-T1 (4 students, no internship placement), E3 training for R6-T2 (7
/// employees); placements: full-time from 2024-06-01 (stays), full-time 2024-07-01 to
/// 2025-01-31 (left), side-job 2024-10-01. So R6-T1: events 2, participants 19, internships
/// 4; R6-T2: events 2, participants 22; both: full-time 2, side-job 1, retention 1/2; the
/// consortium: events 3, participants 26, internships 4, member firms 2.
struct ExportFixture {
    static let asOf = LocalDate("2025-07-31")!
    static let hyperlinkPayee = #"=HYPERLINK("http://x","y")"#

    let connection: PostgresConnection

    init(osakaName: String = "大阪地域の人事部", osakaProjectName: String = "大阪の人材確保") throws {
        connection = try PostgresConnection(settings: TestCluster.freshDatabase())
        try load(.organizations, """
            code,kind,name,corporate_number,prefecture_code,jsic_division,sme_sector,capital_yen,employees
            tsubameito,company,株式会社つばめいと,7110002019384,15,L,services,10000000,12
            seimitsu,company,燕精密工業株式会社,1120001000011,15,E,manufacturing_other,30000000,85
            kinzoku,company,三条金属加工株式会社,7120001000022,15,E,manufacturing_other,10000000,18
            osaka-npo,npo,NPO法人なにわ人材,5110001000033,27,,,,
            """)
        try load(.consortia, """
            code,name,prefecture_code,secretariat,established_on
            tsubame,燕市地域の人事部,15,tsubameito,2022-04-01
            osaka,"\(osakaName)",27,osaka-npo,2023-04-01
            """)
        try load(.memberships, """
            consortium,organization,role,joined_on,left_on,group
            tsubame,seimitsu,firm,2022-04-01,,
            tsubame,kinzoku,firm,2022-04-01,,
            """)
        // The reference catalogue caps no category (no source does); this data set's frame caps
        // equipment, as an operator would from the year's 公募要領.
        try load(.frames, """
            program,fiscal_year,frame,frame_name,rate,project_cap_yen,rounding_unit_yen,categories,category_caps
            chiiki-senryaku-jinzai,2024,standard,通常枠,1/2,10000000,1000,personnel;honoraria;travel;venue;advertising;outsourcing;equipment;consumables;other,equipment=500000
            """)
        try load(.adoptedProjects, """
            fiscal_year,program,frame,no,applicant_name,applicant_corporate_number,region,project_name,code,consortium,prefecture_code,granted_yen,prior_paid_yen
            2023,chiiki-senryaku-jinzai,standard,1,株式会社つばめいと,7110002019384,新潟県燕市,燕の人材確保（R5）,R5-T1,tsubame,15,6000000,0
            2024,chiiki-senryaku-jinzai,standard,1,株式会社つばめいと,7110002019384,新潟県燕市,燕の人材確保,R6-T1,tsubame,15,9000000,3000000
            2024,fukugyo-kengyo,b-receiving,2,株式会社つばめいと,7110002019384,新潟県燕市,燕の副業人材,R6-T2,tsubame,15,2000000,0
            2024,chiiki-senryaku-jinzai,standard,3,NPO法人なにわ人材,5110001000033,大阪府大阪市,"\(osakaProjectName.replacingOccurrences(of: "\"", with: "\"\""))",R6-O1,osaka,27,5000000,0
            """)
        try load(.expenses, """
            project,category,incurred_on,paid_on,payee,amount_excl_tax_yen,tax_yen,evidence_ref,firm,person_ref,excluded_reason,line_ref
            R6-T1,personnel,2024-05-01,2024-05-31,燕の人材会社,10000000,1000000,INV-1,,,,T1-1
            R6-T1,equipment,2024-06-01,2024-06-30,"\(Self.hyperlinkPayee.replacingOccurrences(of: "\"", with: "\"\""))",600000,60000,INV-2,,,,T1-2
            R6-T1,travel,2024-07-01,,旅行会社,50000,5000,INV-3,,,,T1-3
            R6-T1,venue,2024-07-02,2024-07-10,会場,20000,2000,,,,,T1-4
            R6-T1,advertising,2024-07-03,2024-07-10,広告,30000,3000,INV-5,,,重複計上,T1-5
            R6-T1,course_operation,2024-07-04,2024-07-10,講座,40000,4000,INV-6,,,,T1-6
            R6-T2,honoraria,2024-08-01,2024-08-31,謝金A,1200000,0,B-1,seimitsu,P1,,T2-1
            R6-T2,honoraria,2024-08-02,2024-08-31,謝金B,300001,0,B-2,seimitsu,P2,,T2-2
            R6-T2,honoraria,2024-08-03,2024-08-31,謝金C,4000000,0,B-3,seimitsu,P3,,T2-3
            R6-O1,personnel,2024-09-01,2024-09-30,大阪の会社,1000001,100000,O-1,,,,O1-1
            """)
        try load(.kpiTargets, """
            project,metric,target
            R6-T1,events,4
            R6-T1,retention_rate_12m,90%
            R6-T1,satisfaction_surveys,50
            """)
        try connection.executeScript(unsafeSQL: """
            INSERT INTO events (consortium_id, code, kind, title, starts_on, project_id)
            SELECT c.id, v.code, v.kind, v.title, v.starts_on::date, p.id
            FROM consortia c, (VALUES ('E1', 'seminar', '経営者セミナー', '2024-05-10', NULL),
                                      ('E2', 'internship', '合同インターンシップ', '2024-08-01', 'R6-T1'),
                                      ('E3', 'training', '合同研修', '2024-09-01', 'R6-T2')) AS v (code, kind, title, starts_on, project)
            LEFT JOIN adopted_projects p ON p.code = v.project
            WHERE c.code = 'tsubame';
            INSERT INTO event_participants (consortium_id, event_id, segment, count)
            SELECT e.consortium_id, e.id, v.segment, v.n
            FROM events e JOIN (VALUES ('E1', 'student', 10), ('E1', 'employee', 5), ('E2', 'student', 4), ('E3', 'employee', 7)) AS v (code, segment, n)
              ON v.code = e.code;
            INSERT INTO placements (consortium_id, firm_id, person_ref, employment_type, started_on, ended_on)
            SELECT c.id, o.id, v.person, v.type, v.started::date, v.ended::date
            FROM consortia c, (VALUES ('seimitsu', 'H1', 'full_time', '2024-06-01', NULL),
                                      ('kinzoku', 'H2', 'full_time', '2024-07-01', '2025-01-31'),
                                      ('kinzoku', 'S1', 'side_job', '2024-10-01', NULL)) AS v (firm, person, type, started, ended)
            JOIN organizations o ON o.code = v.firm
            WHERE c.code = 'tsubame';
            """)
    }

    func load(_ kind: ImportKind, _ csv: String) throws {
        let report = try CSVImport.run(kind, file: temporaryFile(csv), options: ImportOptions(), on: connection, actor: "test")
        guard report.committed else {
            throw StoreError.conflict("\(kind.rawValue): \(report.issues.map(\.description).joined(separator: "; "))")
        }
    }

    /// A fresh output path under /tmp (not created).
    static func outputPath(_ label: String) -> String {
        TestCluster.scratchDirectory("export").appendingPathComponent(label).path
    }
}
