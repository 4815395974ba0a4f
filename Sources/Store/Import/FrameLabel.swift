import Domain
import Foundation
import Postgres

/// A frame as a published list names it: by code (`joint-strategy`) or by its Japanese label
/// as printed under the list's heading (【地域企業共同戦略枠】, ○処遇反映枠), with the programme
/// optional where the label names one frame of the year.
enum FrameLabel {
    /// The frame a row names.
    struct Resolved {
        let id: Int64
        let program: String
        let code: String
        /// The Japanese label, or the code when the frame has none, for messages.
        let label: String
        let projectCap: Yen?
    }

    /// The label without the heading's brackets and bullets and without spaces, so that
    /// 【地域企業共同戦略枠】, 地域企業共同戦略枠 and `【類型A】 副業・兼業送り出し型` match the stored names.
    static func normalized(_ text: String) -> String {
        String(String.UnicodeScalarView(TextNormalization.halfWidth(text).unicodeScalars.filter {
            !ignored.contains($0) && !$0.properties.isWhitespace
        }))
    }

    private static let ignored: Set<Unicode.Scalar> = ["【", "】", "○", "〇", "◯"]

    /// Looks the frame up among the frames of the fiscal year: by code or normalised label, in
    /// the programme named by code or name when one is given. None, or several programmes
    /// with such a frame and none given, is a problem of the row that lists the candidates.
    static func resolve(program: String?, frame: String, fiscalYear: FiscalYear, on connection: PostgresConnection) throws -> Resolved {
        let year = fiscalYear.startYear
        let matches = try connection.query("""
            SELECT f.id, pr.code AS program, f.code, coalesce(f.name_ja, f.code) AS label, f.project_cap_yen
            FROM frames f JOIN programs pr ON pr.id = f.program_id
            WHERE f.fiscal_year = \(year)
              AND (\(program)::text IS NULL OR pr.code = \(program) OR pr.name_ja = \(program))
              AND (f.code = \(frame) OR regexp_replace(f.name_ja, '[【】○〇◯　[:space:]]', '', 'g') = \(frame))
            ORDER BY pr.code, f.code
            """).map { row in
            Resolved(
                id: try row.decode(Int64.self, "id"), program: try row.decode(String.self, "program"),
                code: try row.decode(String.self, "code"), label: try row.decode(String.self, "label"),
                projectCap: try row.decode(Yen?.self, "project_cap_yen"))
        }
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 {
            throw RowProblem(
                column: "program", value: program,
                reason: "\(fiscalYear.japaneseName)の枠「\(frame)」は複数の事業にあります（\(matches.map(\.program).joined(separator: ", "))）。program 列で事業を指定してください")
        }
        let known = try connection.query("""
            SELECT pr.code AS program, f.code, coalesce(f.name_ja, f.code) AS label
            FROM frames f JOIN programs pr ON pr.id = f.program_id
            WHERE f.fiscal_year = \(year) AND (\(program)::text IS NULL OR pr.code = \(program) OR pr.name_ja = \(program))
            ORDER BY pr.code, f.id
            """).map { "\(try $0.decode(String.self, "program"))/\(try $0.decode(String.self, "code"))（\(try $0.decode(String.self, "label"))）" }
        let listing = known.isEmpty ? "この年度の枠はまだありません" : "登録済みの枠: \(known.joined(separator: "、"))"
        throw RowProblem(
            column: "frame", value: frame,
            reason: "\(program.map { "\($0) の" } ?? "")\(fiscalYear.japaneseName)の枠「\(frame)」は登録されていません（\(listing)。先に import frames）")
    }
}
