import Foundation
import Postgres
import Store
import TestSupport

/// A small consortium for the activity tests, on its own fresh database:
/// - tsubame (secretariat sec) with institutions bank and recruit, and firms
///   f1 (member since 2022-04-01), f2 (member 2022-04-01 … 2024-06-30, then gone),
///   f3 (member from 2024-10-01); outsider is registered but never a member.
/// - mishima, a second consortium, so that cross-consortium references can be refused.
/// - P24: tsubame's FY2024 project (2024-05-01 … 2025-02-28); Q24 a second tsubame project
///   of FY2024 without a period; M24: mishima's.
struct ActivityFixture {
    let connection: PostgresConnection

    init() throws {
        connection = try PostgresConnection(settings: TestCluster.freshDatabase())
        try load(.organizations, """
            code,kind,name,jsic_division,sme_sector,capital_yen,employees
            sec,company,株式会社つばめいと,L,services,10000000,12
            bank,regional_bank,第四北越銀行,J,,,
            recruit,recruiting_company,株式会社にいがた人材,R,services,20000000,40
            f1,company,燕精密工業株式会社,E,manufacturing_other,30000000,85
            f2,company,三条金属加工株式会社,E,manufacturing_other,10000000,18
            f3,company,燕建設株式会社,D,manufacturing_other,400000000,420
            outsider,company,部外商事株式会社,I,wholesale,20000000,30
            msec,shinkin_bank,三島信用金庫,J,,,
            """)
        try load(.consortia, """
            code,name,prefecture_code,secretariat,established_on
            tsubame,燕市地域の人事部,15,sec,2022-04-01
            mishima,三島市地域の人事部,22,msec,2022-04-01
            """)
        try load(.memberships, """
            consortium,organization,role,joined_on,left_on,group
            tsubame,bank,institution,2022-04-01,,
            tsubame,recruit,institution,2022-04-01,,
            tsubame,f1,firm,2022-04-01,,金属加工クラブ
            tsubame,f2,firm,2022-04-01,2024-06-30,金属加工クラブ
            tsubame,f3,firm,2024-10-01,,
            """)
        try addProject("P24", consortium: "tsubame", from: "2024-05-01", to: "2025-02-28")
        try addProject("Q24", consortium: "tsubame", from: nil, to: nil)
        try addProject("M24", consortium: "mishima", from: nil, to: nil)
    }

    /// Imports a file that must be valid.
    func load(_ kind: ImportKind, _ csv: String) throws {
        let report = try run(kind, csv)
        guard report.committed else {
            throw FixtureError(message: "\(kind.rawValue): \(report.issues.map(\.description).joined(separator: "; "))")
        }
    }

    func run(_ kind: ImportKind, _ csv: String, _ options: ImportOptions = ImportOptions()) throws -> ImportReport {
        let path = try temporaryFile(csv)
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }
        return try CSVImport.run(kind, file: path, options: options, on: connection, actor: "test")
    }

    /// Adopted projects have their own import elsewhere; the tests need only the rows.
    func addProject(_ code: String, consortium: String, from: String?, to: String?) throws {
        try connection.execute("""
            INSERT INTO adopted_projects (consortium_id, code, frame_id, fiscal_year, project_name, region, prefecture_code, starts_on, ends_on)
            SELECT c.id, \(code), f.id, 2024, \(code + " 事業"), '新潟県燕市', c.prefecture_code, \(from)::date, \(to)::date
            FROM consortia c, frames f JOIN programs p ON p.id = f.program_id
            WHERE c.code = \(consortium) AND p.code = 'chiiki-senryaku-jinzai' AND f.fiscal_year = 2024 AND f.code = 'standard'
            """)
    }

    /// A KPI target, with an optional manual actual, as the kpi_targets table holds it.
    func addTarget(_ project: String, _ metric: String, unit: String = "count", target: (Int64, Int64), manual: (Int64, Int64)? = nil, note: String? = nil) throws {
        try connection.execute("""
            INSERT INTO kpi_targets (consortium_id, project_id, metric, unit, target_numerator, target_denominator,
                                     actual_manual_numerator, actual_manual_denominator, actual_note)
            SELECT consortium_id, id, \(metric), \(unit), \(target.0), \(target.1), \(manual?.0), \(manual?.1), \(note)
            FROM adopted_projects WHERE code = \(project)
            """)
    }

    func count(_ sql: String) throws -> Int {
        try connection.query(PostgresQuery(unsafeSQL: sql))[0].decode(Int.self, at: 0)
    }

    struct FixtureError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
