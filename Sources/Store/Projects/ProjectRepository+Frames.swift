import Domain
import Postgres

extension ProjectRepository {
    /// A frame of a fiscal year as people pick it from a list: its code and its Japanese name.
    public struct FrameChoice: Sendable, Hashable {
        public let code: String
        public let name: String
    }

    /// The frames of a fiscal year, by programme and order of entry; a code appears once even
    /// when two programmes use it (the project filter matches by code).
    public func frames(fiscalYear: FiscalYear, on connection: PostgresConnection) throws -> [FrameChoice] {
        var seen: Set<String> = []
        return try connection.query("""
            SELECT f.code, coalesce(f.name_ja, f.code) AS name
            FROM frames f JOIN programs pr ON pr.id = f.program_id
            WHERE f.fiscal_year = \(fiscalYear.startYear)
            ORDER BY pr.code, f.id
            """).map { FrameChoice(code: try $0.decode(String.self, "code"), name: try $0.decode(String.self, "name")) }
            .filter { seen.insert($0.code).inserted }
    }
}

extension ProjectRepository {
    /// Every frame of a fiscal year in words, keyed `program/frame` as the bureau report groups
    /// projects: 「地域戦略人材確保等実証事業 / 通常枠」, a code where the catalogue has no name.
    public func frameLabels(fiscalYear: FiscalYear, on connection: PostgresConnection) throws -> [String: String] {
        var labels: [String: String] = [:]
        for row in try connection.query("""
            SELECT pr.code AS program, f.code, coalesce(pr.name_ja, pr.code) || ' / ' || coalesce(f.name_ja, f.code) AS label
            FROM frames f JOIN programs pr ON pr.id = f.program_id
            WHERE f.fiscal_year = \(fiscalYear.startYear)
            """) {
            labels["\(try row.decode(String.self, "program"))/\(try row.decode(String.self, "code"))"] = try row.decode(String.self, "label")
        }
        return labels
    }
}
