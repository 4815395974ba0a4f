import Domain

/// One expense line as the export streams it: the claim computation's input plus the payee
/// and dates a reviewer reads.
public struct ExportedExpense: Sendable {
    public let projectID: Int64
    public let line: ExpenseLine
    public let payee: String
}
