import Foundation

/// A grant decision (交付決定) or an approved change of it (変更交付決定): the amount granted and
/// the planned budget by expense category (経費配分) from a date on. A change replaces the
/// decision before it from its date; the earlier one stays on record, and a claim is measured
/// against the decision in force on its as-of date (DOMAIN.md "The grant lifecycle", step 1).
///
/// Decisions are numbered per project in the order they are recorded: 1 is the initial
/// decision, every later one a change, which needs a reason. A change is never dated before
/// the decision it changes, so the numbering and the dates agree.
public struct GrantDecision: Sendable, Hashable, Codable {
    /// 交付決定 or 変更交付決定.
    public enum Kind: String, DomainVocabulary {
        case initial
        case change

        public var japaneseName: String {
            switch self {
            case .initial: "交付決定"
            case .change: "変更交付決定"
            }
        }
    }

    /// The longest document number (交付決定番号) accepted, in characters.
    public static let documentNumberLimit = 100
    /// The longest reason accepted, in characters.
    public static let reasonLimit = 1000
    /// The numbers a writer may name for the decision (or advance payment) it means to record:
    /// the same bound for the API's `sequence` and the command line's `--sequence`.
    public static let sequenceRange: ClosedRange<Int> = 1...10_000

    /// 1 for the initial decision, then 2, 3, … for changes in the order recorded.
    public let sequence: Int
    /// The date of the decision; it is in force from this day on.
    public let decidedOn: LocalDate
    /// 交付決定番号 as printed on the notice, e.g. 20230601関局第1号.
    public let documentNumber: String
    /// The granted amount (交付決定額), a limit on the subsidy.
    public let amount: Yen
    /// The planned budget by expense category (経費配分); empty when the decision states none.
    public let plannedBudget: [ExpenseCategory: Yen]
    /// Why the decision was changed; required for a change, optional for the initial one.
    public let reason: String?

    public var kind: Kind { sequence == 1 ? .initial : .change }

    /// Checks every rule a decision obeys on its own: a document number (trimmed, not blank,
    /// at most `documentNumberLimit` characters), an amount and budget figures between ¥0 and
    /// `MoneyLimits.amount`, a reason for a change (at most `reasonLimit` characters).
    public init(
        sequence: Int, decidedOn: LocalDate, documentNumber: String, amount: Yen,
        plannedBudget: [ExpenseCategory: Yen] = [:], reason: String? = nil
    ) throws(GrantError) {
        let number = TextNormalization.trimmed(documentNumber)
        guard !number.isEmpty else { throw .documentNumberMissing }
        guard number.count <= Self.documentNumberLimit else { throw .documentNumberTooLong(limit: Self.documentNumberLimit) }
        guard sequence >= 1 else { throw .sequenceInvalid(sequence) }
        guard amount >= .zero, amount <= MoneyLimits.amount else { throw .amountOutOfRange(field: "amount", amount) }
        for (category, planned) in plannedBudget where planned < .zero || planned > MoneyLimits.amount {
            throw .budgetOutOfRange(category, planned)
        }
        let reason = reason.map(TextNormalization.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        if let reason, reason.count > Self.reasonLimit { throw .reasonTooLong(limit: Self.reasonLimit) }
        if sequence > 1, reason == nil { throw .changeNeedsReason }
        self.sequence = sequence
        self.decidedOn = decidedOn
        self.documentNumber = number
        self.amount = amount
        self.plannedBudget = plannedBudget
        self.reason = reason
    }

    /// The decision in force on a date: the latest one decided on or before it (the higher
    /// number among decisions of the same day); nil before the first decision.
    public static func inForce(on date: LocalDate, among decisions: [GrantDecision]) -> GrantDecision? {
        decisions.filter { $0.decidedOn <= date }.max { ($0.decidedOn, $0.sequence) < ($1.decidedOn, $1.sequence) }
    }

    /// Throws unless `next` may follow `decisions` (the project's decisions so far): it is
    /// numbered next and not dated before the latest one.
    public static func checkFollows(_ next: GrantDecision, _ decisions: [GrantDecision]) throws(GrantError) {
        let latest = decisions.max { $0.sequence < $1.sequence }
        guard next.sequence == (latest?.sequence ?? 0) + 1 else { throw .sequenceInvalid(next.sequence) }
        if let latest, next.decidedOn < latest.decidedOn { throw .decidedBeforeLatest(latest.decidedOn) }
    }
}
