import Domain

/// An adopted project as the batch export lists it: who, where, which frame, and the terms its
/// claim is computed with.
public struct ExportProject: Sendable, Hashable {
    public let consortiumID: Int64
    public let id: Int64
    public let code: String
    public let name: String
    public let region: String
    public let fiscalYear: FiscalYear
    public let prefectureCode: Int
    /// The bureau of the project's prefecture (code, e.g. `kanto`).
    public let bureau: String
    public let consortiumCode: String
    public let consortiumName: String
    public let program: String
    public let frameCode: String
    public let status: ProjectStatus
    /// The applicants in published order, the lead first.
    public let applicantNames: [String]
    /// Their corporate numbers, "" where an applicant has none.
    public let applicantCorporateNumbers: [String]
    public let frame: FrameTerms
    public let terms: ProjectTerms
}
