import Domain

/// A consortium with at least one exported project: its identity, secretariat and the member
/// firms it had during the fiscal year.
public struct ExportConsortium: Sendable, Hashable {
    public let id: Int64
    public let code: String
    public let name: String
    public let prefectureCode: Int
    /// The bureau of the consortium's prefecture (code).
    public let bureau: String
    public let secretariatName: String
    /// Distinct organisations that were members as `firm` at some time during the fiscal year.
    public let memberFirms: Int
}
