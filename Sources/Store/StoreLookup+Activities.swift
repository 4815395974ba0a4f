import Domain
import Postgres

/// Lookups the activity imports share: adopted projects and events by code within a
/// consortium, and the membership-on-date rule with a message that names the firm, the day
/// and the firm's membership periods.
extension StoreLookup {
    /// The adopted project `code` of the consortium, with its period (the fiscal year where
    /// the project states none).
    static func project(code: String, consortiumID: Int64, column: String, on connection: PostgresConnection) throws -> (id: Int64, from: LocalDate, to: LocalDate) {
        let rows = try connection.query("""
            SELECT p.id, p.consortium_id, c.code AS consortium_code,
                   coalesce(p.starts_on, make_date(p.fiscal_year, 4, 1))::text AS period_from,
                   coalesce(p.ends_on, make_date(p.fiscal_year + 1, 3, 31))::text AS period_to
            FROM adopted_projects p JOIN consortia c ON c.id = p.consortium_id
            WHERE p.code = \(code)
            """)
        guard let row = rows.first else {
            throw RowProblem(column: column, value: code, reason: "採択事業 \(code) は登録されていません")
        }
        guard try row.decode(Int64.self, "consortium_id") == consortiumID else {
            let other = try row.decode(String.self, "consortium_code")
            throw RowProblem(column: column, value: code, reason: "採択事業 \(code) は別のコンソーシアム（\(other)）の事業です")
        }
        return (try row.decode(Int64.self, "id"), try row.decode(LocalDate.self, "period_from"), try row.decode(LocalDate.self, "period_to"))
    }

    /// The event `code` of the consortium, with its first day.
    static func event(code: String, consortiumID: Int64, consortiumCode: String, column: String, on connection: PostgresConnection) throws -> (id: Int64, startsOn: LocalDate) {
        guard let row = try connection.query("""
            SELECT id, starts_on::text AS starts_on FROM events WHERE consortium_id = \(consortiumID) AND code = \(code)
            """).first else {
            throw RowProblem(column: column, value: code, reason: "取組 \(code) はコンソーシアム \(consortiumCode) に登録されていません（先に events を読み込んでください）")
        }
        return (try row.decode(Int64.self, "id"), try row.decode(LocalDate.self, "starts_on"))
    }

    /// The ids of the organisations `codes`, in order, each of which must be a member of the
    /// consortium on `day` unless `prospectsAdmitted` (an outreach event's prospects need only
    /// be registered). Every unknown or non-member organisation is named in one problem.
    static func members(
        codes: [String], of consortiumID: Int64, consortiumCode: String, on day: LocalDate, column: String,
        prospectsAdmitted: Bool = false, on connection: PostgresConnection
    ) throws -> [Int64] {
        guard !codes.isEmpty else { return [] }
        var found: [String: (id: Int64, name: String, periods: [MembershipPeriod])] = [:]
        // One row per membership period (or one row without a period) of each organisation.
        try connection.forEachRow("""
            SELECT o.code, o.id, o.name, m.joined_on::text AS joined_on, m.left_on::text AS left_on
            FROM organizations o
            LEFT JOIN memberships m ON m.organization_id = o.id AND m.consortium_id = \(consortiumID)
            WHERE o.code = ANY (\(PostgresTextArray(codes))::text[])
            ORDER BY o.code, m.joined_on
            """) { row in
            let code = try row.decode(String.self, "code")
            var entry: (id: Int64, name: String, periods: [MembershipPeriod])
            if let known = found[code] {
                entry = known
            } else {
                entry = (try row.decode(Int64.self, "id"), try row.decode(String.self, "name"), [])
            }
            if let joined = try row.decode(LocalDate?.self, "joined_on") {
                entry.periods.append(MembershipPeriod(joinedOn: joined, leftOn: try row.decode(LocalDate?.self, "left_on")))
            }
            found[code] = entry
        }
        var reasons: [String] = []
        var refused: [String] = []
        for code in codes {
            guard let entry = found[code] else {
                reasons.append("団体コード \(code) は登録されていません")
                refused.append(code)
                continue
            }
            if !prospectsAdmitted, !MembershipPeriod.isMember(on: day, periods: entry.periods) {
                let periods = entry.periods.isEmpty ? "会員の記録がありません" : "会員期間 " + entry.periods.map(\.description).joined(separator: "、")
                reasons.append("\(entry.name)（\(code)）は \(day) にコンソーシアム \(consortiumCode) の会員ではありません（\(periods)）")
                refused.append(code)
            }
        }
        guard reasons.isEmpty else {
            throw RowProblem(column: column, value: refused.joined(separator: ";"), reason: reasons.joined(separator: "／"))
        }
        return codes.map { found[$0]!.id }
    }

    /// Consortium ids by code, looked up once per import.
    struct ConsortiumCache {
        private var ids: [String: Int64] = [:]

        mutating func id(for code: String, column: String, on connection: PostgresConnection) throws -> Int64 {
            if let known = ids[code] { return known }
            let id = try StoreLookup.consortiumID(code: code, column: column, on: connection)
            ids[code] = id
            return id
        }
    }
}
