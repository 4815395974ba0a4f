import Foundation

/// The bounds on money that every entry path (CSV import, JSON API, web forms) enforces, and
/// that the database backs with CHECK constraints (migration 0010).
///
/// Amounts are `Int64` yen. Two bounds keep every sum the service forms far from overflow:
/// - one figure (an expense line, its tax, a grant, a cap, a payment) is at most `amount`,
///   ¥10^15 (a thousand trillion yen, ten times the national budget) in magnitude;
/// - a project's expense lines together, amounts and tax, are at most `projectTotal`, also
///   ¥10^15, so nothing inside one project's claim computation can overflow.
/// A fiscal year's sums over projects then stay within `Int64` up to 9,223 projects at the
/// bound (`Int64.max` / `projectTotal`); sums over more are formed with the checked
/// arithmetic of `Yen`, which reports `MoneyLimitError.overflow` instead of trapping.
public enum MoneyLimits {
    /// The largest magnitude of one amount: ¥10^15.
    public static let amount = Yen(1_000_000_000_000_000)

    /// The largest total of one project's expense lines (amounts excluding tax plus tax): ¥10^15.
    public static let projectTotal = Yen(1_000_000_000_000_000)

    /// The amount, if its magnitude is within `amount`.
    public static func checked(_ value: Int64) throws(MoneyLimitError) -> Yen {
        guard value.magnitude <= UInt64(amount.amount) else { throw .amountOutOfRange(value) }
        return Yen(value)
    }

    /// Throws unless `value` is within `amount` in magnitude.
    public static func check(_ value: Yen) throws(MoneyLimitError) {
        _ = try checked(value.amount)
    }

    /// The total a project's lines count against `projectTotal`: Σ (|amount| + |tax|).
    /// Throws `projectTotalExceeded` when it is above the bound (never traps, whatever the values).
    public static func checkProjectTotal<S: Sequence>(_ lines: S) throws(MoneyLimitError) -> Yen where S.Element == ExpenseLine {
        var total: UInt64 = 0
        let bound = UInt64(projectTotal.amount)
        for line in lines {
            // total ≤ bound < 2^63 and a magnitude ≤ 2^63, so each sum fits in UInt64.
            for part in [line.amountExcludingTax.amount.magnitude, line.tax.amount.magnitude] {
                total += part
                guard total <= bound else { throw .projectTotalExceeded }
            }
        }
        return Yen(Int64(total))
    }
}
