import Domain
import Postgres

/// Loads `ConsortiumOverview`: the consortium, its members during and at the end of a fiscal
/// year, its member firms' profiles (size classes are worked out by the Domain rules, not in
/// SQL) and the year's actuals.
public struct ConsortiumOverviewRepository {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Throws `StoreError.notFound` for an unknown consortium code.
    public func overview(of code: String, fiscalYear: FiscalYear, asOf: LocalDate) throws -> ConsortiumOverview {
        guard let row = try connection.query("""
            SELECT c.id, c.code, c.name, c.prefecture_code, s.code AS secretariat_code, s.name AS secretariat_name
            FROM consortia c JOIN organizations s ON s.id = c.secretariat_id
            WHERE c.code = \(code)
            """).first else {
            throw StoreError.notFound(what: "コンソーシアム", key: code)
        }
        let consortiumID = try row.decode(Int64.self, "id")
        let consortium = ConsortiumOverview.Consortium(
            code: try row.decode(String.self, "code"), name: try row.decode(String.self, "name"),
            prefecture: try row.decode(Prefecture.self, "prefecture_code"),
            secretariatCode: try row.decode(String.self, "secretariat_code"),
            secretariatName: try row.decode(String.self, "secretariat_name"))
        let (first, last) = (fiscalYear.firstDay, fiscalYear.lastDay)
        return ConsortiumOverview(
            consortium: consortium, fiscalYear: fiscalYear,
            members: try members(consortiumID, first: first, last: last),
            groups: try groups(consortiumID, first: first, last: last),
            firms: try firms(consortiumID, first: first, last: last),
            actuals: try ActivityActualsRepository(connection: connection).actuals(forConsortium: code, fiscalYear: fiscalYear, asOf: asOf),
            selfFunding: try SelfFundingRepository(connection: connection)
                .years(consortiumIDs: [consortiumID], from: FiscalYear(fiscalYear.startYear - 2), to: fiscalYear)[consortiumID] ?? [])
    }

    /// Distinct organisations by role, over all their membership periods: a member during the
    /// year has a period overlapping it; a member at its end has one containing its last day.
    private func members(_ consortiumID: Int64, first: LocalDate, last: LocalDate) throws -> ConsortiumOverview.Members {
        var (during, atEnd) = (Tally<MembershipRole>(), Tally<MembershipRole>())
        var (joined, left) = (0, 0)
        try connection.forEachRow("""
            SELECT role,
                   count(DISTINCT organization_id) FILTER (
                       WHERE joined_on <= \(last) AND (left_on IS NULL OR left_on >= \(first))) AS during_year,
                   count(DISTINCT organization_id) FILTER (
                       WHERE joined_on <= \(last) AND (left_on IS NULL OR left_on >= \(last))) AS at_year_end,
                   count(DISTINCT organization_id) FILTER (
                       WHERE joined_on BETWEEN \(first) AND \(last)) AS joined_during_year
            FROM memberships WHERE consortium_id = \(consortiumID)
            GROUP BY role
            """) { row in
            guard let role = MembershipRole(rawValue: try row.decode(String.self, "role")) else { return }
            during[role] = try row.decode(Int.self, "during_year")
            atEnd[role] = try row.decode(Int.self, "at_year_end")
            joined += try row.decode(Int.self, "joined_during_year")
        }
        // Left during the year: a period ended inside it and none covers its last day.
        left = try connection.query("""
            SELECT count(DISTINCT m.organization_id) AS n
            FROM memberships m
            WHERE m.consortium_id = \(consortiumID) AND m.left_on BETWEEN \(first) AND \(last) - 1
              AND NOT is_member_on(m.consortium_id, m.organization_id, \(last))
            """)[0].decode(Int.self, "n")
        return .init(duringYear: during, atYearEnd: atEnd, joinedDuringYear: joined, leftDuringYear: left)
    }

    private func groups(_ consortiumID: Int64, first: LocalDate, last: LocalDate) throws -> [ConsortiumOverview.Group] {
        try connection.query("""
            SELECT group_name, count(DISTINCT organization_id) AS firms
            FROM memberships
            WHERE consortium_id = \(consortiumID) AND role = 'firm' AND group_name IS NOT NULL
              AND joined_on <= \(last) AND (left_on IS NULL OR left_on >= \(first))
            GROUP BY group_name ORDER BY group_name
            """).map { .init(name: try $0.decode(String.self, "group_name"), firms: try $0.decode(Int.self, "firms")) }
    }

    /// The register entries of the firms that were members during the year.
    private func firms(_ consortiumID: Int64, first: LocalDate, last: LocalDate) throws -> [FirmProfile] {
        var firms: [FirmProfile] = []
        try connection.forEachRow("""
            SELECT o.jsic_division, o.sme_sector, o.capital_yen, o.employees
            FROM organizations o
            WHERE EXISTS (SELECT 1 FROM memberships m
                          WHERE m.consortium_id = \(consortiumID) AND m.organization_id = o.id AND m.role = 'firm'
                            AND m.joined_on <= \(last) AND (m.left_on IS NULL OR m.left_on >= \(first)))
            ORDER BY o.code
            """) { row in
            firms.append(FirmProfile(
                jsicDivision: try row.decode(String?.self, "jsic_division").flatMap(JSICDivision.init(rawValue:)),
                smeSector: try row.decode(String?.self, "sme_sector").flatMap(SMESector.init(rawValue:)),
                capital: try row.decode(Yen?.self, "capital_yen"),
                employees: try row.decode(Int?.self, "employees")))
        }
        return firms
    }
}
