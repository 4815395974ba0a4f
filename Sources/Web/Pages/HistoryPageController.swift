import Domain
import Foundation
import Hummingbird
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
        let caller = try context.requireCaller()
        let code = try context.code("code")
        let id = try ConsortiumController.id(context)
        let (line, consortium, entries) = try await database.run(as: caller) { connection in
            (try ExpenseRepository().find(projectCode: code, id: id, on: connection),
             try ProjectRepository().find(code: code, on: connection).consortiumName,
             try AuditRepository().history(table: "expenses", rowID: id, on: connection))
        }
        let name = "経費の明細 \(ExpensePageController.shownRef(line) == "—" ? line.payee : ExpensePageController.shownRef(line))"
        return try await render(title: name, back: "/projects/\(code)/expenses/\(id)", backLabel: "明細に戻る", entries: entries,
                                consortium: consortium, labels: Self.expenseLabels, context: context)
    }

    @Sendable func membership(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        let code = try context.code("code")
        let id = try ConsortiumController.id(context)
        let (member, consortium, entries) = try await database.run(as: caller) { connection in
            (try MembershipRepository().find(consortiumCode: code, id: id, on: connection),
             try ConsortiumRepository().find(code: code, on: connection).name,
             try AuditRepository().history(table: "memberships", rowID: id, on: connection))
        }
        return try await render(title: "構成員 \(member.organizationName)", back: "/consortia/\(code)/members/\(id)", backLabel: "構成員の変更に戻る",
                                entries: entries, consortium: consortium, labels: Self.membershipLabels, context: context)
    }

    private func render(
        title: String, back: String, backLabel: String, entries: [AuditEntry], consortium: String, labels: [String: String],
        context: APIContext
    ) async throws -> Response {
        let names = try await PartyNames.load(entries.map(\.actor), consortium: consortium, database: database)
        let values: [String: Any] = [
            "title": title, "back": back, "backLabel": backLabel,
            "entries": entries.map { Self.row($0, labels: labels, names: names) },
        ]
        return renderer.page("history", title: "変更の履歴 \(title)", values: values, context: context)
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
