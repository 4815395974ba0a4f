import Domain
import Foundation
import Postgres

/// `import frames`: a programme's frame (枠) in a fiscal year with its rate, caps, rounding
/// unit and the categories it pays for. Matched by programme, fiscal year and frame code; the
/// listed categories replace the stored ones.
struct FrameImporter: RowImporter {
    struct Row {
        var program: String
        var programName: String?
        var fiscalYear: FiscalYear
        var frame: String
        var frameName: String?
        var rate: Rate
        var projectCap: Yen?
        var firmCap: Yen?
        var personCap: Yen?
        var roundingUnit: Yen
        var categories: [ExpenseCategory]
        var categoryCaps: [ExpenseCategory: Yen]
    }

    static let columns = [
        ImportColumn("program", aliases: ["事業"], required: true),
        ImportColumn("program_name", aliases: ["事業名"]),
        ImportColumn("fiscal_year", aliases: ["年度"], required: true),
        ImportColumn("frame", aliases: ["枠"], required: true),
        ImportColumn("frame_name", aliases: ["枠名"]),
        ImportColumn("rate", aliases: ["補助率"], required: true),
        ImportColumn("project_cap_yen", aliases: ["補助上限額"]),
        ImportColumn("firm_cap_yen", aliases: ["企業上限額"]),
        ImportColumn("person_cap_yen", aliases: ["一人当たり上限額"]),
        ImportColumn("rounding_unit_yen", aliases: ["端数処理単位"]),
        ImportColumn("categories", aliases: ["対象経費"], required: true),
        ImportColumn("category_caps", aliases: ["経費区分上限"]),
    ]

    func naturalKey(of row: Row) -> String { "\(row.program)/\(row.fiscalYear.startYear)/\(row.frame)" }

    func parse(_ record: inout ImportRecord) -> Row? {
        let program = record.code("program", required: true)
        let fiscalYear = record.parse("fiscal_year", required: true) { try JapaneseCalendar.parseFiscalYear($0) }
        let frame = record.code("frame", required: true)
        let rate = record.parse("rate", required: true) { try Rate(parsing: $0) }
        let projectCap = record.yen("project_cap_yen")
        let firmCap = record.yen("firm_cap_yen")
        let personCap = record.yen("person_cap_yen")
        let unit = record.yen("rounding_unit_yen")
        if let unit, unit.amount <= 0 { record.fail("rounding_unit_yen", "端数処理単位は1円以上です") }
        let categories = record.parse("categories", required: true) { text in
            try ListCell.items(text).map { item -> ExpenseCategory in
                guard let category = ExpenseCategory(parsing: item) else {
                    throw RowProblem(column: "categories", value: item, reason: "知らない経費区分「\(InputEcho.excerpt(item))」（次のいずれか: \(ExpenseCategory.choices)）")
                }
                return category
            }
        }
        let caps = record.parse("category_caps") { text in
            var caps: [ExpenseCategory: Yen] = [:]
            for item in ListCell.items(text) {
                let parts = item.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, let category = ExpenseCategory(parsing: parts[0]) else {
                    throw RowProblem(column: "category_caps", value: item, reason: "「区分=金額」の形で書いてください（例: equipment=500000）")
                }
                caps[category] = try Yen(parsing: parts[1])
            }
            return caps
        }
        if let categories, let caps {
            let uncovered = caps.keys.filter { !categories.contains($0) }
            if !uncovered.isEmpty {
                record.fail("category_caps", "対象経費にない区分に上限があります: \(uncovered.map(\.rawValue).sorted().joined(separator: ", "))")
            }
        }
        guard let program, let fiscalYear, let frame, let rate, let categories, record.issues.isEmpty else { return nil }
        return Row(
            program: program, programName: record.text("program_name"), fiscalYear: fiscalYear, frame: frame,
            frameName: record.text("frame_name"), rate: rate, projectCap: projectCap, firmCap: firmCap,
            personCap: personCap, roundingUnit: unit ?? FrameTerms.defaultRoundingUnit,
            categories: categories, categoryCaps: caps ?? [:])
    }

    func write(_ row: Row, on connection: PostgresConnection) throws -> WriteOutcome {
        let program = try connection.query("""
            INSERT INTO programs AS p (code, name_ja) VALUES (\(row.program), \(row.programName))
            ON CONFLICT (code) DO UPDATE SET name_ja = coalesce(EXCLUDED.name_ja, p.name_ja)
            RETURNING id
            """)
        let programID = try program[0].decode(Int64.self, "id")
        let frame = try connection.query("""
            INSERT INTO frames AS f (program_id, fiscal_year, code, name_ja, rate_numerator, rate_denominator,
                project_cap_yen, firm_cap_yen, person_cap_yen, rounding_unit_yen)
            VALUES (\(programID), \(row.fiscalYear), \(row.frame), \(row.frameName), \(row.rate.numerator),
                \(row.rate.denominator), \(row.projectCap), \(row.firmCap), \(row.personCap),
                \(row.roundingUnit))
            ON CONFLICT (program_id, fiscal_year, code) DO UPDATE SET
                name_ja = coalesce(EXCLUDED.name_ja, f.name_ja), rate_numerator = EXCLUDED.rate_numerator,
                rate_denominator = EXCLUDED.rate_denominator, project_cap_yen = EXCLUDED.project_cap_yen,
                firm_cap_yen = EXCLUDED.firm_cap_yen, person_cap_yen = EXCLUDED.person_cap_yen,
                rounding_unit_yen = EXCLUDED.rounding_unit_yen
            WHERE (f.name_ja, f.rate_numerator, f.rate_denominator, f.project_cap_yen, f.firm_cap_yen,
                   f.person_cap_yen, f.rounding_unit_yen) IS DISTINCT FROM
                  (coalesce(EXCLUDED.name_ja, f.name_ja), EXCLUDED.rate_numerator, EXCLUDED.rate_denominator,
                   EXCLUDED.project_cap_yen, EXCLUDED.firm_cap_yen, EXCLUDED.person_cap_yen, EXCLUDED.rounding_unit_yen)
            RETURNING id, (xmax = 0) AS inserted
            """)
        let frameID: Int64
        var inserted = false
        var changed = false
        if let written = frame.first {
            frameID = try written.decode(Int64.self, "id")
            inserted = try written.decode(Bool.self, "inserted")
            changed = !inserted
        } else {
            frameID = try connection.query("""
                SELECT id FROM frames WHERE program_id = \(programID) AND fiscal_year = \(row.fiscalYear) AND code = \(row.frame)
                """)[0].decode(Int64.self, "id")
        }
        let names = row.categories.map(\.rawValue)
        let removed = try connection.execute("""
            DELETE FROM frame_categories WHERE frame_id = \(frameID) AND NOT (category = ANY (\(PostgresTextArray(names))::text[]))
            """)
        changed = changed || removed > 0
        for category in row.categories {
            let cap = row.categoryCaps[category]?.amount
            let upserted = try connection.execute("""
                INSERT INTO frame_categories AS c (frame_id, category, cap_yen) VALUES (\(frameID), \(category), \(cap))
                ON CONFLICT (frame_id, category) DO UPDATE SET cap_yen = EXCLUDED.cap_yen
                WHERE c.cap_yen IS DISTINCT FROM EXCLUDED.cap_yen
                """)
            changed = changed || upserted > 0
        }
        if inserted { return .inserted }
        return changed ? .updated : .unchanged
    }
}

/// Lists inside a cell are separated by `;` (full-width `；` too, as typed in Japanese).
enum ListCell {
    static func items(_ text: String) -> [String] {
        text.replacingOccurrences(of: "；", with: ";").split(separator: ";")
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}
