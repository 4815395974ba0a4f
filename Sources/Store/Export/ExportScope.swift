import Domain

/// Which adopted projects a batch export or a bureau report covers: one fiscal year, and the
/// prefectures of one bureau or all of them (INTERFACES.md, "Batch claim export").
public struct ExportScope: Sendable, Hashable {
    public var fiscalYear: FiscalYear
    /// nil for every bureau (the ministry's view).
    public var bureau: Bureau?

    public init(fiscalYear: FiscalYear, bureau: Bureau? = nil) {
        self.fiscalYear = fiscalYear
        self.bureau = bureau
    }
}
