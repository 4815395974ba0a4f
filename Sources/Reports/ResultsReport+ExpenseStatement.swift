import Domain
import Foundation
import Postgres
import Store

extension ResultsReport {
    /// One line of the 経費明細表: its outcome as the version stored it, and the expense
    /// record it came from as it stands (nil when the line was deleted since).
    public struct StatementLine: Sendable, Hashable {
        public let outcome: ClaimComputation.LineOutcome
        public let record: ExpenseRecord?
    }

    /// The 経費明細表's columns, in order: Japanese headers, as the secretariat's Excel sheets
    /// have them.
    public static let statementColumns = [
        "番号", "明細番号", "経費区分", "発生日", "支払日", "支払先", "内容", "証憑番号", "税抜金額", "消費税",
        "補助対象経費", "対象外経費", "対象外の理由",
    ]

    /// The version's lines in its order, each with the expense record of the same reference.
    public func statementLines(on connection: PostgresConnection) throws -> [StatementLine] {
        var records: [String: ExpenseRecord] = [:]
        var page = PageRequest(limit: PageRequest.maximumLimit)
        while true {
            let fetched = try ExpenseRepository().list(projectCode: project.code, .init(), page: page, on: connection)
            for record in fetched.items { records[record.lineRef] = record }
            guard let next = fetched.next else { break }
            page = PageRequest(limit: PageRequest.maximumLimit, after: next)
        }
        return computation.lines.map { StatementLine(outcome: $0, record: records[$0.id]) }
    }

    /// The 経費明細表 as CSV that Excel opens: UTF-8 with a byte-order mark, CRLF, formula-safe,
    /// one row per line with amounts as the version stored them, dates as ISO dates (Excel
    /// reads them as dates). The descriptive cells (dates, payee, description, evidence) are
    /// the expense record's; empty for a line deleted since.
    public static func expenseStatementCSV(_ lines: [StatementLine]) throws -> Data {
        var writer = CSVWriter(encoding: .utf8, formulaSafe: true, byteOrderMark: true)
        try writer.write(statementColumns.map(CSVCell.text))
        for (index, line) in lines.enumerated() {
            let outcome = line.outcome
            let record = line.record
            var reason = outcome.reason?.japaneseName ?? ""
            if outcome.reason == .excluded, let why = record?.excludedReason { reason += "（\(why)）" }
            try writer.write([
                .number(Int64(index + 1)), .text(outcome.id), .text(outcome.category.japaneseName),
                .raw(record?.incurredOn.description ?? ""), .raw(record?.paidOn?.description ?? ""),
                .text(record?.payee ?? ""), .text(record?.description ?? ""), .text(record?.evidenceRef ?? ""),
                .number(outcome.amount.amount), .number(outcome.tax.amount), .number(outcome.eligible.amount),
                .number(outcome.ineligible.amount), .text(reason),
            ])
        }
        try writer.finish()
        return writer.data
    }
}
