import Domain
import Foundation
import Postgres
import Store
import TestSupport

/// Builds claim scenarios through the importers, as a secretariat would.
struct ClaimFixture {
    let connection: PostgresConnection
    /// The fixture's database, for a test that needs a second session on it.
    let settings: PostgresConnectionSettings

    init() throws {
        settings = try TestCluster.freshDatabase()
        connection = try PostgresConnection(settings: settings)
        try load(.organizations, """
            code,kind,name,corporate_number,prefecture_code
            tsubameito,company,株式会社つばめいと,7110002019384,15
            firm-a,company,燕精密工業株式会社,4110001000001,15
            """)
        try load(.consortia, "code,name,prefecture_code,secretariat\ntsubame,燕市地域の人事部,15,tsubameito\n")
    }

    @discardableResult
    func load(_ kind: ImportKind, _ csv: String, _ options: ImportOptions = ImportOptions()) throws -> ImportReport {
        let report = try CSVImport.run(kind, file: temporaryFile(csv), options: options, on: connection, actor: "test")
        if !report.committed && !options.dryRun {
            throw FixtureError(issues: report.issues)
        }
        return report
    }

    func tryLoad(_ kind: ImportKind, _ csv: String, _ options: ImportOptions = ImportOptions()) throws -> ImportReport {
        try CSVImport.run(kind, file: temporaryFile(csv), options: options, on: connection, actor: "test")
    }

    /// A project of the consortium in a frame of the reference catalogue.
    func project(
        _ code: String, program: String = "chiiki-senryaku-jinzai", frame: String = "standard", fiscalYear: Int = 2024,
        granted: String = "", priorPaid: String = "", startsOn: String = "", endsOn: String = ""
    ) throws {
        try load(.adoptedProjects, """
            fiscal_year,program,frame,code,consortium,applicant_name,applicant_corporate_number,region,project_name,granted_yen,prior_paid_yen,starts_on,ends_on
            \(fiscalYear),\(program),\(frame),\(code),tsubame,株式会社つばめいと,7110002019384,新潟県燕市,テスト事業 \(code),\(granted),\(priorPaid),\(startsOn),\(endsOn)
            """)
    }

    static let expenseHeader = "project,category,incurred_on,paid_on,payee,description,amount_excl_tax_yen,tax_yen,evidence_ref,firm,person_ref,event,excluded_reason,added_reason"

    func expenses(_ rows: [String], _ options: ImportOptions = ImportOptions()) throws -> ImportReport {
        try tryLoad(.expenses, ([Self.expenseHeader] + rows).joined(separator: "\n") + "\n", options)
    }

    func count(_ sql: String) throws -> Int {
        try connection.query(PostgresQuery(unsafeSQL: sql))[0].decode(Int.self, at: 0)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let issues: [ImportIssue]
    var description: String { issues.map(\.description).joined(separator: "; ") }
}

let asOf = LocalDate(year: 2025, month: 4, day: 10)!
