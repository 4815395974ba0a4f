import Domain
import Foundation
import Postgres

extension FrameTerms {
    /// The SQL that selects a frame's terms from `frames f` in the columns `init(row:)` reads.
    static let selectSQL: PostgresQuery = """
        f.rate_numerator, f.rate_denominator, f.project_cap_yen, f.firm_cap_yen, f.person_cap_yen, f.rounding_unit_yen,
        coalesce((SELECT array_agg(fc.category ORDER BY fc.category) FROM frame_categories fc WHERE fc.frame_id = f.id), '{}')::text AS categories,
        coalesce((SELECT jsonb_object_agg(fc.category, fc.cap_yen) FROM frame_categories fc WHERE fc.frame_id = f.id AND fc.cap_yen IS NOT NULL), '{}')::text AS caps
        """

    /// A frame's terms from a row holding the columns of `selectSQL`.
    init(row: PostgresRow) throws {
        let categories = try PostgresTextArray.parse(try row.decode(String.self, "categories")).map { code in
            guard let category = ExpenseCategory(rawValue: code) else {
                throw PostgresError(kind: .decoding, message: "unknown code in frame_categories.category", table: "frame_categories", column: "category")
            }
            return category
        }
        var caps: [ExpenseCategory: Yen] = [:]
        for (key, value) in try row.decodeJSON([String: Int64].self, "caps") {
            guard let category = ExpenseCategory(rawValue: key) else {
                throw PostgresError(kind: .decoding, message: "unknown code in frame_categories.category", table: "frame_categories", column: "category")
            }
            caps[category] = Yen(value)
        }
        self.init(
            rate: try Rate(numerator: try row.decode(Int64.self, "rate_numerator"), denominator: try row.decode(Int64.self, "rate_denominator")),
            projectCap: try row.decode(Yen?.self, "project_cap_yen"),
            firmCap: try row.decode(Yen?.self, "firm_cap_yen"),
            personCap: try row.decode(Yen?.self, "person_cap_yen"),
            roundingUnit: try row.decode(Yen.self, "rounding_unit_yen"),
            coveredCategories: Set(categories), categoryCaps: caps)
    }
}
