import Domain
import Postgres

/// What the ministry published for one programme's fiscal year (sql/reference/
/// 0003_published_figures.sql, every figure citing its source): applications, adoptions and
/// budget, and adoptions per frame where the list was published under frame headings. A
/// figure no source states is nil.
public struct PublishedProgramYear: Sendable, Hashable {
    public let program: String
    /// The programme's Japanese name, when the catalogue has one.
    public let programName: String?
    public let fiscalYear: FiscalYear
    public let applications: Int?
    public let adopted: Int?
    public let budget: Yen?
    /// Adoptions per frame code; empty when the year's list has no frame headings.
    public let adoptedByFrame: [String: Int]
    /// The Japanese name of each of the programme's frames that year (通常枠), by code.
    public let frameNames: [String: String]
    /// Where the figures come from (source file and line), as the reference file records it.
    public let source: String
}

extension ExportRepository {
    /// The published figures of every programme for the fiscal year, in programme-code order.
    /// Reference data: the same for every bureau and caller.
    public func publishedFigures(fiscalYear: FiscalYear, on connection: PostgresConnection) throws -> [PublishedProgramYear] {
        var frames: [String: [String: Int]] = [:]
        var names: [String: [String: String]] = [:]
        for row in try connection.query("""
            SELECT pr.code AS program, f.code, f.name_ja FROM frames f JOIN programs pr ON pr.id = f.program_id
            WHERE f.fiscal_year = \(fiscalYear.startYear) AND f.name_ja IS NOT NULL
            """) {
            names[try row.decode(String.self, "program"), default: [:]][try row.decode(String.self, "code")] = try row.decode(String.self, "name_ja")
        }
        for row in try connection.query("""
            SELECT program_code, frame_code, adopted FROM published_frame_adoptions WHERE fiscal_year = \(fiscalYear.startYear)
            """) {
            frames[try row.decode(String.self, "program_code"), default: [:]][try row.decode(String.self, "frame_code")] =
                try row.decode(Int.self, "adopted")
        }
        return try connection.query("""
            SELECT y.program_code, pr.name_ja, y.applications, y.adopted, y.budget_yen, y.source
            FROM published_program_years y LEFT JOIN programs pr ON pr.code = y.program_code
            WHERE y.fiscal_year = \(fiscalYear.startYear)
            ORDER BY y.program_code COLLATE "C"
            """).map { row in
            let program = try row.decode(String.self, "program_code")
            return PublishedProgramYear(
                program: program, programName: try row.decode(String?.self, "name_ja"), fiscalYear: fiscalYear,
                applications: try row.decode(Int?.self, "applications"), adopted: try row.decode(Int?.self, "adopted"),
                budget: try row.decode(Int64?.self, "budget_yen").map { Yen($0) }, adoptedByFrame: frames[program] ?? [:],
                frameNames: names[program] ?? [:],
                source: try row.decode(String.self, "source"))
        }
    }
}
