import Foundation

/// The inspection before confirmation (確定検査): date, inspector, findings and per-line results
/// (DOMAIN.md "The grant lifecycle", step 5). A line excluded at inspection is excluded from
/// the confirmation with the inspection as its reason, through the claim computation's own
/// exclusion (`ExpenseLine.excludedReason`, reason `excluded`).
public struct Inspection: Sendable, Hashable, Codable {
    public enum Result: String, DomainVocabulary {
        case accepted
        case excluded

        public var japaneseName: String {
            switch self {
            case .accepted: "適"
            case .excluded: "対象外"
            }
        }
    }

    public struct Line: Sendable, Hashable, Codable {
        public let lineRef: String
        public let result: Result
        public let note: String?

        public init(lineRef: String, result: Result, note: String?) throws(LifecycleError) {
            self.lineRef = TextNormalization.trimmed(lineRef)
            self.result = result
            self.note = try LifecycleText.optional(note, field: "lines", label: "明細の所見", limit: Inspection.noteLimit)
            if result == .excluded, self.note == nil { throw .exclusionNeedsNote(self.lineRef) }
        }
    }

    public static let inspectorLimit = 200
    public static let findingsLimit = 4000
    public static let noteLimit = 1000

    public let inspectedOn: LocalDate
    /// The office and post that inspected (関東経済産業局 地域経済課), not a person's name.
    public let inspector: String
    public let findings: String?
    /// Results for the lines inspected; a line not listed is accepted.
    public let lines: [Line]

    /// `claimedLines` are the line references of the version inspected; every result names
    /// one of them, once.
    public init(inspectedOn: LocalDate, inspector: String, findings: String?, lines: [Line], claimedLines: Set<String>) throws(LifecycleError) {
        self.inspectedOn = inspectedOn
        self.inspector = try LifecycleText.required(inspector, field: "inspector", label: "検査した部署", limit: Self.inspectorLimit)
        self.findings = try LifecycleText.optional(findings, field: "findings", label: "所見", limit: Self.findingsLimit)
        var seen = Set<String>()
        for line in lines {
            guard claimedLines.contains(line.lineRef) else { throw .unknownLine(line.lineRef) }
            guard seen.insert(line.lineRef).inserted else { throw .duplicateLine(line.lineRef) }
        }
        self.lines = lines
    }

    /// The reason an excluded line carries: the inspection, its date and the note.
    public func exclusionReason(_ line: Line) -> String {
        "確定検査（\(inspectedOn)）: \(line.note ?? "")"
    }

    /// The expense lines with the inspection's exclusions applied: an excluded line takes the
    /// inspection as its reason (a reviewer's earlier exclusion stays as it was).
    public func applied(to expenses: [ExpenseLine]) -> [ExpenseLine] {
        let excluded = Dictionary(lines.filter { $0.result == .excluded }.map { ($0.lineRef, $0) }, uniquingKeysWith: { a, _ in a })
        return expenses.map { expense in
            guard let line = excluded[expense.id], (expense.excludedReason ?? "").trimmingCharacters(in: .whitespaces).isEmpty else { return expense }
            var copy = expense
            copy.excludedReason = exclusionReason(line)
            return copy
        }
    }
}
