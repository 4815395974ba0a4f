import ArgumentParser
import Domain
import Foundation
import Postgres
import Store

/// The grant lifecycle around a claim (DOMAIN.md "The grant lifecycle"): the grant decision
/// and its changes, advance payments, the inspection, the confirmation of the amount and the
/// settlement, and the project's timeline. The same repository calls as the API; recorded
/// under the command line's actor in the audit trail.
struct Grant: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record an adopted project's grant decisions, advance payments, inspection, confirmation and settlement.",
        subcommands: [Decide.self, Pay.self, Inspect.self, Confirm.self, Settle.self, Receive.self, Timeline.self])

    /// Runs `body` on a fresh connection; the store's refusals are the user's errors.
    static func withConnection<T>(_ database: DatabaseOptions, _ body: (PostgresConnection) throws -> T) throws -> T {
        do {
            return try database.withConnection(label: "jinjibu.grant", body)
        } catch let error as RecordError {
            throw UserError(error.description)
        }
    }

    static var actor: String { DatabaseSession.commandLineActor }

    /// The `KEY=VALUE` entries of a repeated option, each read by `read` (nil, or an error it
    /// throws, when the entry means nothing); a bad entry is refused with `usage` and itself.
    static func keyedValues<T>(_ entries: [String], usage: String, _ read: (String, String) throws -> T?) throws -> [T] {
        try entries.map { entry in
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = try? read(parts[0], parts[1]) else { throw UserError("\(usage): \(entry)") }
            return value
        }
    }

    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record the grant decision (交付決定), or a change of it (変更交付決定, with --reason).")
        @Argument(help: "The adopted project's code.") var project: String
        @Option(help: "The decision's date. ISO or 令和6年4月15日.") var decidedOn: LocalDate
        @Option(help: "The document number (交付決定番号).") var number: String
        @Option(help: "The granted amount in yen.") var amount: Int64
        @Option(parsing: .upToNextOption, help: "The planned budget by category, e.g. personnel=1200000 travel=300000.")
        var budget: [String] = []
        @Option(help: "Why the decision changes (required for a change).") var reason: String?
        @Option(help: "The number this decision takes (1 the decision, 2 the first change, …); when another one took it first, nothing is recorded.")
        var sequence: Int?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let usage = "--budget は 経費区分=金額 で書きます（例: personnel=1200000）"
            let planned = Dictionary(try Grant.keyedValues(budget, usage: usage) { key, value in
                try ExpenseCategory(parsing: key).map { ($0, try Yen(parsing: value)) }
            }, uniquingKeysWith: { $1 })
            let decision = try Grant.withConnection(database) { connection in
                try GrantRepository().recordDecision(
                    projectCode: project, decidedOn: decidedOn, documentNumber: number, amount: Yen(amount), plannedBudget: planned,
                    reason: reason, expectedSequence: sequence, actor: Grant.actor, on: connection)
            }
            print("事業 \(project): \(decision.kind.japaneseName) \(decision.documentNumber)（\(decision.decidedOn)）\(decision.amount)")
        }
    }

    struct Pay: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record an advance payment (概算払).")
        @Argument(help: "The adopted project's code.") var project: String
        @Option(help: "The payment's date.") var paidOn: LocalDate
        @Option(help: "The amount in yen.") var amount: Int64
        @Option(help: "The number this payment takes (1 the first, …); when another one took it first, nothing is recorded.")
        var sequence: Int?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let payment = try Grant.withConnection(database) { connection in
                try GrantRepository().recordPayment(
                    projectCode: project, paidOn: paidOn, amount: Yen(amount), expectedSequence: sequence, actor: Grant.actor, on: connection)
            }
            print("事業 \(project): 概算払 第\(payment.sequence)回（\(payment.paidOn)）\(payment.amount)")
        }
    }

    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record the inspection (確定検査) of the approved claim version; --exclude LINE=NOTE excludes a line.")
        @Argument(help: "The adopted project's code.") var project: String
        @Option(help: "The inspection's date.") var inspectedOn: LocalDate
        @Option(help: "The office and post that inspected (no personal name).") var inspector: String
        @Option(help: "The findings.") var findings: String?
        @Option(parsing: .upToNextOption, help: "Lines excluded, as LINE_REF=NOTE.") var exclude: [String] = []
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let lines = try Grant.keyedValues(exclude, usage: "--exclude は 明細=理由 で書きます") { key, value in
                (lineRef: key, result: Inspection.Result.excluded, note: Optional(value))
            }
            let stored = try Grant.withConnection(database) { connection in
                try LifecycleRepository().inspect(
                    projectCode: project, inspectedOn: inspectedOn, inspector: inspector, findings: findings, lines: lines,
                    actor: Grant.actor, on: connection)
            }
            print("事業 \(project): 確定検査（\(stored.inspection.inspectedOn)、第\(stored.claimVersion)版）対象外 \(lines.count)件")
        }
    }

    struct Confirm: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Confirm the amount (額の確定); below the claim, give --reason CATEGORY=TEXT.")
        @Argument(help: "The adopted project's code.") var project: String
        @Option(help: "The confirmation's date.") var confirmedOn: LocalDate
        @Option(help: "The confirmed amount in yen; default the subsidy after the inspection.") var amount: Int64?
        @Option(parsing: .upToNextOption, help: "Reasons by category, as CATEGORY=TEXT.") var reason: [String] = []
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let reasons = Dictionary(try Grant.keyedValues(reason, usage: "--reason は 経費区分=理由 で書きます") { key, value in
                ExpenseCategory(parsing: key).map { ($0, value) }
            }, uniquingKeysWith: { $1 })
            let stored = try Grant.withConnection(database) { connection in
                try LifecycleRepository().confirm(
                    projectCode: project, confirmedOn: confirmedOn, confirmed: amount.map { Yen($0) }, reasons: reasons,
                    actor: Grant.actor, on: connection)
            }
            print("事業 \(project): 額の確定 \(stored.confirmation.confirmed)（請求 \(stored.confirmation.claimed)）")
        }
    }

    struct Settle: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record 精算払 (--paid-on) or a refund due (--due-on), as the confirmation and the advances give it.")
        @Argument(help: "The adopted project's code.") var project: String
        @Option(help: "The final payment's date.") var paidOn: LocalDate?
        @Option(help: "The refund's due date.") var dueOn: LocalDate?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let stored = try Grant.withConnection(database) { connection in
                try LifecycleRepository().settle(projectCode: project, paidOn: paidOn, dueOn: dueOn, amount: nil, actor: Grant.actor, on: connection)
            }
            print("事業 \(project): \(stored.settlement.kind.japaneseName) \(stored.settlement.amount)")
        }
    }

    struct Receive: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the date a refund (返還) was received.")
        @Argument(help: "The adopted project's code.") var project: String
        @Option(help: "The date received.") var receivedOn: LocalDate
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            _ = try Grant.withConnection(database) { connection in
                try LifecycleRepository().receiveRefund(
                    projectCode: project, receivedOn: receivedOn, actor: Grant.actor, expectedRowVersion: nil, on: connection)
            }
            print("事業 \(project): 返還を受領（\(receivedOn)）")
        }
    }

    struct Timeline: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the project's lifecycle, step by step.")
        @Argument(help: "The adopted project's code.") var project: String
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let entries = try Grant.withConnection(database) { try LifecycleRepository().timeline(projectCode: project, on: $0) }
            for entry in entries {
                let fields = [entry.step.japaneseName, entry.on?.description ?? "", entry.detail ?? "",
                              entry.amount?.formattedWithSymbol ?? "", entry.recordedBy]
                print(fields.joined(separator: "\t"))
            }
        }
    }
}

extension GrantError: UserFacingError { var userMessage: String { description } }
extension LifecycleError: UserFacingError { var userMessage: String { description } }
