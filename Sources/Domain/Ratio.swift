import Foundation

/// An exact fraction for rates such as 12-month retention or KPI achievement, shown as a
/// percentage or decimal with integer arithmetic only.
///
/// A denominator of 0 means "not applicable" (no placements have matured yet, no target was
/// set): `percent` and `decimalString` are then nil rather than a made-up 0% or 100%.
/// The denominator is never negative: a negative one flips both signs.
public struct Ratio: Hashable, Sendable, Codable, CustomStringConvertible {
    public let numerator: Int64
    public let denominator: Int64

    public init(numerator: Int64, denominator: Int64) {
        if denominator < 0 {
            self.numerator = -numerator
            self.denominator = -denominator
        } else {
            self.numerator = numerator
            self.denominator = denominator
        }
    }

    /// `Ratio(numerator: a, denominator: b)`.
    public init(_ numerator: Int64, _ denominator: Int64) {
        self.init(numerator: numerator, denominator: denominator)
    }

    /// False when the denominator is 0.
    public var isApplicable: Bool { denominator != 0 }

    /// 1 − the ratio (turnover from retention); still not applicable when this is not.
    public var complement: Ratio {
        Ratio(numerator: denominator - numerator, denominator: denominator)
    }

    /// "91.7%" for 11/12: the percentage rounded half up (away from zero) to `fractionDigits`
    /// places (0...9); nil when the denominator is 0.
    public func percent(fractionDigits: Int = 1) -> String? {
        rounded(shift: 2, fractionDigits: fractionDigits).map { $0 + "%" }
    }

    /// "0.9167" for 11/12: rounded half up (away from zero) to `fractionDigits` places (0...9);
    /// nil when the denominator is 0.
    public func decimalString(fractionDigits: Int = 4) -> String? {
        rounded(shift: 0, fractionDigits: fractionDigits)
    }

    /// "11/12", or "11/0" when not applicable.
    public var description: String { "\(numerator)/\(denominator)" }

    /// True when both are applicable and this is the smaller value (cross-multiplied exactly).
    public func isLess(than other: Ratio) -> Bool {
        let left = numerator.multipliedFullWidth(by: other.denominator)
        let right = other.numerator.multipliedFullWidth(by: denominator)
        return isApplicable && other.isApplicable && (left.high, left.low) < (right.high, right.low)
    }

    /// Long division in decimal: the value × 10^shift with `fractionDigits` places.
    private func rounded(shift: Int, fractionDigits: Int) -> String? {
        precondition((0...9).contains(fractionDigits), "fractionDigits must be in 0...9")
        guard denominator != 0 else { return nil }
        let divisor = UInt64(denominator)
        let magnitude = numerator.magnitude
        // Digits of the integer part, then `shift + fractionDigits` digits after the point.
        var digits = Array(String(magnitude / divisor)).map { Int(String($0))! }
        var remainder = magnitude % divisor
        for _ in 0..<(shift + fractionDigits) {
            // remainder < divisor, so remainder × 10 / divisor < 10 and fits.
            let (quotient, rest) = divisor.dividingFullWidth(remainder.multipliedFullWidth(by: 10))
            digits.append(Int(quotient))
            remainder = rest
        }
        // Half up: the discarded rest is at least half of the divisor.
        if remainder >= divisor - remainder {
            var index = digits.count - 1
            while index >= 0 {
                if digits[index] == 9 {
                    digits[index] = 0
                    index -= 1
                } else {
                    digits[index] += 1
                    break
                }
            }
            if index < 0 { digits.insert(1, at: 0) }
        }
        let integerCount = digits.count - fractionDigits
        var integerPart = digits[..<integerCount].map(String.init).joined()
        while integerPart.count > 1, integerPart.first == "0" { integerPart.removeFirst() }
        let fractionPart = digits[integerCount...].map(String.init).joined()
        let isZero = digits.allSatisfy { $0 == 0 }
        let sign = numerator < 0 && !isZero ? "-" : ""
        return sign + integerPart + (fractionDigits > 0 ? "." + fractionPart : "")
    }
}
