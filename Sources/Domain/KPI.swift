import Foundation

/// Key performance indicators of an adopted project (成果目標): actuals against the targets
/// the project stated.
public enum KPI {
    /// The achievement of a target: `actual / target`, e.g. 180 consultations of 200 = 90.0%.
    /// Not applicable (denominator 0) when the target is 0.
    public static func achievement(actual: Int64, target: Int64) -> Ratio {
        Ratio(actual, target)
    }

    /// The achievement of a rate target such as retention ≥ 90%: `actual / target` as one exact
    /// fraction. Not applicable when either is.
    public static func achievement(actual: Ratio, target: Ratio) -> Ratio {
        guard actual.isApplicable, target.isApplicable, target.numerator != 0 else { return Ratio(0, 0) }
        // (a/b) / (c/d) = (a·d) / (b·c), reduced first so that counts never overflow in practice.
        let a = reduced(actual), c = reduced(target)
        let (numerator, overflow1) = a.numerator.multipliedReportingOverflow(by: c.denominator)
        let (denominator, overflow2) = a.denominator.multipliedReportingOverflow(by: c.numerator)
        precondition(!overflow1 && !overflow2, "KPI achievement overflowed")
        return Ratio(numerator, denominator)
    }

    /// True when an actual count meets or exceeds its target.
    public static func isMet(actual: Int64, target: Int64) -> Bool {
        actual >= target
    }

    /// True when an actual rate meets or exceeds its target rate; false when either is not applicable.
    public static func isMet(actual: Ratio, target: Ratio) -> Bool {
        actual.isApplicable && target.isApplicable && !actual.isLess(than: target)
    }

    private static func reduced(_ ratio: Ratio) -> Ratio {
        var (a, b) = (ratio.numerator.magnitude, ratio.denominator.magnitude)
        while b != 0 { (a, b) = (b, a % b) }
        let divisor = Int64(max(a, 1))
        return Ratio(ratio.numerator / divisor, ratio.denominator / divisor)
    }
}
