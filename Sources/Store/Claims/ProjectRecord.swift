import Domain

/// An adopted project as the claim code needs it: identity, frame terms and period.
public struct ProjectRecord: Sendable, Hashable {
    public let consortiumID: Int64
    public let id: Int64
    public let code: String
    public let name: String
    public let consortiumCode: String
    public let consortiumName: String
    public let fiscalYear: FiscalYear
    public let program: String
    public let frameCode: String
    /// The programme's and the frame's Japanese names (通常枠) where the catalogue has them,
    /// else their codes: what people read where the codes are identifiers.
    public let programName: String
    public let frameName: String
    public let status: ProjectStatus
    public let frame: FrameTerms
    public let terms: ProjectTerms
    /// Version of the project row, for If-Match.
    public let rowVersion: Int
}
