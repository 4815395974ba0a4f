import Foundation

/// One period an organisation is a member of a consortium: from `joinedOn` to `leftOn`, both
/// days included (`leftOn` is the last day of membership, nil while it lasts). A firm that
/// left and joined again has two periods.
public struct MembershipPeriod: Hashable, Sendable, Codable, CustomStringConvertible {
    public var joinedOn: LocalDate
    public var leftOn: LocalDate?

    public init(joinedOn: LocalDate, leftOn: LocalDate? = nil) {
        self.joinedOn = joinedOn
        self.leftOn = leftOn
    }

    /// True when the organisation is a member on the day. The database's `is_member_on`
    /// applies the same rule, so what an import accepts the schema accepts too.
    public func contains(_ day: LocalDate) -> Bool {
        joinedOn <= day && (leftOn.map { day <= $0 } ?? true)
    }

    /// True when any of the periods contains the day.
    public static func isMember(on day: LocalDate, periods: some Sequence<MembershipPeriod>) -> Bool {
        periods.contains { $0.contains(day) }
    }

    /// "2022-04-01〜2024-03-31", or "2024-04-01〜" while it lasts.
    public var description: String {
        "\(joinedOn)〜\(leftOn?.description ?? "")"
    }
}
