import Domain
import Foundation
import Hummingbird
import Postgres
import Store

/// The history of one record from the audit trail (`AuditRepository.history`): which party
/// changed what and when, oldest first, for an expense line and for a membership. The record's own
/// page is read first, so a record outside the caller's scope is a 404 as it is there.
struct HistoryPageController: PageController {
    let database: TenantDatabase
    let renderer: PageRenderer

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("projects/:code/expenses/:id/history", use: expense)
        group.get("consortia/:code/members/:id/history", use: membership)
    }

    @Sendable func expense(_ request: Request, context: APIContext) async throws -> Response {
        try await history(context, table: "expenses", labels: Self.expenseLabels) { code, id, connection in
            let line = try ExpenseRepository().find(projectCode: code, id: id, on: connection)
            let ref = ExpensePageController.shownRef(line)
            return Subject(title: "経費の明細 \(ref == "—" ? line.payee : ref)", back: "/projects/\(code)/expenses/\(id)", backLabel: "明細に戻る",
                           consortium: try ProjectRepository().find(code: code, on: connection).consortiumName)
        }
    }

    @Sendable func membership(_ request: Request, context: APIContext) async throws -> Response {
        try await history(context, table: "memberships", labels: Self.membershipLabels) { code, id, connection in
            let member = try MembershipRepository().find(consortiumCode: code, id: id, on: connection)
            return Subject(title: "構成員 \(member.organizationName)", back: "/consortia/\(code)/members/\(id)", backLabel: "構成員の変更に戻る",
                           consortium: try ConsortiumRepository().find(code: code, on: connection).name)
        }
    }

    /// The record whose history is shown: its heading, the way back to its page, and the
    /// consortium whose people the entries may name.
    struct Subject {
        let title: String, back: String, backLabel: String, consortium: String
    }

    /// The history of the row `id` (from the path) of `table`: `subject` reads the record's
    /// own page's record first, in the same scope, so a record the caller cannot see is a 404.
    private func history(
        _ context: APIContext, table: String, labels: [String: String],
        _ subject: @escaping @Sendable (_ code: String, _ id: Int64, PostgresConnection) throws -> Subject
    ) async throws -> Response {
        let caller = try context.requireCaller()
        let code = try context.code("code")
        let id = try context.id("id")
        let (shown, entries) = try await database.run(as: caller) { connection in
            (try subject(code, id, connection), try AuditRepository().history(table: table, rowID: id, on: connection))
        }
        let names = try await PartyNames.load(entries.map(\.actor), consortium: shown.consortium, database: database)
        let values: [String: Any] = [
            "title": shown.title, "back": shown.back, "backLabel": shown.backLabel,
            "entries": entries.map { Self.row($0, labels: labels, names: names) },
        ]
        return renderer.page("history", title: "変更の履歴 \(shown.title)", values: values, context: context)
    }

    static let expenseLabels = [
        "line_ref": "明細番号", "category": "経費区分", "incurred_on": "発生日", "paid_on": "支払日", "payee": "支払先",
        "description": "内容", "amount_excl_tax_yen": "税抜額", "tax_yen": "消費税", "evidence_ref": "証憑番号",
        "person_ref": "対象者の参照番号", "event_ref": "取組", "excluded_reason": "除外理由", "added_reason": "追加の理由",
    ]
    static let membershipLabels = ["role": "役割", "joined_on": "加入日", "left_on": "退会日", "group_name": "グループ"]

    /// One entry in words: the values set on entry, the values changed with before → after.
    static func row(_ entry: AuditEntry, labels: [String: String], names: PartyNames) -> [String: Any] {
        let before = object(entry.before)
        let after = object(entry.after)
        var changes: [String] = []
        for key in labels.keys.sorted(by: { order(labels, $0) < order(labels, $1) }) {
            let old = show(key, before[key]), new = show(key, after[key])
            switch entry.operation {
            case "INSERT": if let new { changes.append("\(labels[key]!): \(new)") }
            case "UPDATE": if old != new { changes.append("\(labels[key]!): \(old ?? "（なし）") → \(new ?? "（なし）")") }
            default: break
            }
        }
        let operation = switch entry.operation {
        case "INSERT": "登録"
        case "UPDATE": changes.isEmpty ? "変更（表示する項目の変更なし）" : "変更"
        default: "削除"
        }
        let time = DateFormatter()
        time.timeZone = LocalDate.japan
        time.dateFormat = "HH:mm"
        let day = LocalDate(entry.at)
        return [
            "date": PageFormat.date(day), "time": "\(day) \(time.string(from: entry.at))", "operation": operation,
            "actor": names(entry.actor),
            "changes": changes,
        ]
    }

    private static func order(_ labels: [String: String], _ key: String) -> Int {
        let sequence = ["line_ref", "category", "incurred_on", "paid_on", "payee", "description", "amount_excl_tax_yen", "tax_yen",
                        "evidence_ref", "person_ref", "event_ref", "excluded_reason", "added_reason",
                        "role", "joined_on", "left_on", "group_name"]
        return sequence.firstIndex(of: key) ?? sequence.count
    }

    static func object(_ data: Data?) -> [String: Any] {
        guard let data, let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }

    /// A stored value as people read it: names for codes, yen with separators, era dates.
    static func show(_ key: String, _ value: Any?) -> String? {
        switch value {
        case nil, is NSNull: return nil
        case let text as String where text.isEmpty: return nil
        case let text as String where key == "line_ref" && ExpensePageController.isMadeUp(text): return nil
        case let text as String:
            if key == "category", let category = ExpenseCategory(rawValue: text) { return category.japaneseName }
            if key == "role", let role = MembershipRole(rawValue: text) { return role.japaneseName }
            if key.hasSuffix("_on"), let date = LocalDate(text) { return PageFormat.date(date) }
            return text
        case let number as NSNumber:
            return key.hasSuffix("_yen") ? Yen(number.int64Value).formattedWithSymbol : number.stringValue
        default:
            return String(describing: value!)
        }
    }
}
