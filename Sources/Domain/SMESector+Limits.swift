import Foundation

extension SMESector {
    /// The thresholds of the SME Basic Act for the sector.
    public struct Limits: Hashable, Sendable {
        /// An SME has capital at most this…
        public let capital: Yen
        /// …or at most this many regular employees.
        public let employees: Int
        /// A small business (小規模事業者) has at most this many employees.
        public let smallBusinessEmployees: Int
    }

    /// ¥300,000,000 / 300 / 20 for manufacturing and all others, ¥100,000,000 / 100 / 5 for
    /// wholesale, ¥50,000,000 / 100 / 5 for services, ¥50,000,000 / 50 / 5 for retail.
    public var smeLimits: Limits {
        switch self {
        case .manufacturingOther: Limits(capital: 300_000_000, employees: 300, smallBusinessEmployees: 20)
        case .wholesale: Limits(capital: 100_000_000, employees: 100, smallBusinessEmployees: 5)
        case .services: Limits(capital: 50_000_000, employees: 100, smallBusinessEmployees: 5)
        case .retail: Limits(capital: 50_000_000, employees: 50, smallBusinessEmployees: 5)
        }
    }

    /// The sector a JSIC division implies when the firm has not stated one, or nil when the
    /// division spans sectors so that the firm must say which.
    ///
    /// Following the SME Agency's definitions by JSIC:
    /// - A–F, H, J → `manufacturingOther` ("all others");
    /// - L, N, O, P, Q, R → `services` (N's travel agencies are "others", a rare case);
    /// - I → nil: wholesale or retail must be stated (DOMAIN.md);
    /// - G → nil: information services and broadcasting are services, telecommunications,
    ///   publishing and internet-based services are "others";
    /// - K → nil: parking and goods rental are services, real estate is "others";
    /// - M → nil: accommodation is services, but restaurants count as retail;
    /// - S (public service) and T (unclassifiable) → nil: no sector applies.
    public static func `default`(for division: JSICDivision) -> SMESector? {
        switch division {
        case .a, .b, .c, .d, .e, .f, .h, .j: .manufacturingOther
        case .l, .n, .o, .p, .q, .r: .services
        case .g, .i, .k, .m, .s, .t: nil
        }
    }
}
