import Domain
import Foundation
import Store

/// A project's expense lines as the CSV file `import expenses` reads: the Japanese column
/// names it accepts, categories by their Japanese names, ISO dates, amounts as numbers and
/// `明細番号` (line_ref), so a file opened in Excel, corrected and imported again updates
/// the same lines rather than adding new ones. UTF-8 with a byte-order mark, CRLF.
public enum ExpenseLinesCSV {
    public static let header = [
        "事業", "経費区分", "発生日", "支払日", "支払先", "内容", "税抜金額", "消費税額", "証憑番号", "企業", "人材番号", "取組",
        "対象外理由", "明細番号", "追加理由",
    ]

    public static func csv(_ lines: [ExpenseRecord]) throws -> Data {
        var writer = CSVWriter(encoding: .utf8, formulaSafe: true, byteOrderMark: true)
        try writer.write(header)
        for line in lines {
            let text = { (value: String?) -> CSVCell in .text(value ?? "") }
            try writer.write([
                .text(line.projectCode), .text(line.category.japaneseName), .text(line.incurredOn.description),
                text(line.paidOn?.description), .text(line.payee), text(line.description), .number(line.amountExcludingTax.amount),
                .number(line.tax.amount), text(line.evidenceRef), text(line.firmCode), text(line.personRef), text(line.eventRef),
                text(line.excludedReason), .text(line.lineRef), text(line.addedReason),
            ])
        }
        try writer.finish()
        return writer.data
    }
}
