import Foundation
import Hummingbird
import Store

/// Upload a CSV file of one import kind and see what it did, or every invalid row in a
/// table. The import is the API's (`ImportController.perform`): all or nothing, the same
/// role rules, run in the caller's scope.
struct ImportPageController {
    let database: TenantDatabase
    let renderer: PageRenderer
    let uploads: UploadSlots

    static let labels: [String: String] = [
        "organizations": "団体・企業", "consortia": "コンソーシアム", "memberships": "構成員",
        "frames": "補助事業の枠", "adopted_projects": "採択事業（採択一覧）", "events": "取組",
        "placements": "成約・採用", "consultations": "相談・とりつなぎ", "expenses": "経費", "kpi_targets": "成果目標（KPI）",
        "plans": "複数年度計画", "plan_kpis": "計画の数値目標", "plan_reviews": "計画の効果検証・公表",
        "income": "自主財源（収入）", "costs": "補助事業外の経費",
        "mentors": "新現役交流会のメンター登録", "mentor_matches": "新現役交流会のマッチング",
    ]

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("imports", use: form)
        group.post("imports", use: upload)
    }

    private func kinds(for caller: UserAccount, selected: String?) -> [[String: Any]] {
        ImportKind.allCases.filter { (try? ImportController.requireAllowed($0, caller)) != nil }.map {
            ["value": $0.rawValue, "label": "\(Self.labels[$0.rawValue] ?? $0.rawValue)（\($0.rawValue)）", "selected": $0.rawValue == selected]
        }
    }

    @Sendable func form(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        let kinds = kinds(for: caller, selected: request.uri.queryParameters.get("kind"))
        return renderer.page("imports", title: "CSVの取り込み", values: ["kinds": kinds, "canImport": !kinds.isEmpty], context: context)
    }

    /// Who is asking comes before the body: a caller who may import nothing is refused before
    /// a byte of it is read, and the form's token and kind (sent before the file) are checked
    /// before the file is. The file goes to disk as it arrives, within the upload limit.
    @Sendable func upload(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        guard ImportKind.allCases.contains(where: { (try? ImportController.requireAllowed($0, caller)) != nil }) else {
            throw Problem.forbidden("\(caller.role.japaneseName)の権限では取り込みはできません")
        }
        return try await uploads.withSlot {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jinjibu-upload-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("upload.csv").path
            var chosen: ImportKind?
            let form = try await MultipartForm.read(request, limit: ImportController.uploadLimit, fileTo: file) { fields in
                try CSRF.verify(FormBody(fields: fields), context: context)
                guard let kind = fields["kind"].flatMap(ImportKind.init(rawValue:)) else {
                    throw Problem.validation([FieldIssue(field: "kind", message: "取り込む種類を選んでください")])
                }
                try ImportController.requireAllowed(kind, caller)
                chosen = kind
            }
            guard let kind = chosen else { throw MultipartForm.malformed }
            return try await importFile(file, kind: kind, form: form, caller: caller, context: context)
        }
    }

    private func importFile(_ file: String, kind: ImportKind, form: MultipartForm, caller: UserAccount, context: APIContext) async throws -> Response {
        var values: [String: Any] = ["kinds": kinds(for: caller, selected: kind.rawValue), "canImport": true]
        guard form.filename != nil else {
            values["errors"] = ["file": "CSVファイルを選んでください"]
            return renderer.page("imports", title: "CSVの取り込み", values: values, context: context, status: .unprocessableContent)
        }
        let options = ImportOptions(encoding: form.fields["encoding"] == "cp932" ? .cp932 : .utf8, dryRun: form.fields["dry_run"] == "1")
        let report = try await ImportController(database: database, uploads: uploads).perform(kind, file: file, options: options, caller: caller)
        values["report"] = [
            "filename": form.filename ?? "", "kind": Self.labels[kind.rawValue] ?? kind.rawValue,
            "rows": report.rowsRead, "inserted": report.inserted, "updated": report.updated, "unchanged": report.unchanged,
            "invalid": report.invalidRows, "committed": report.committed, "dryRun": report.dryRun,
            "issues": report.issues.map { ["line": $0.line, "column": $0.column ?? "", "value": $0.value ?? "", "reason": $0.reason] },
            "hasIssues": !report.issues.isEmpty,
        ]
        let refused = !report.committed && !report.dryRun
        return renderer.page("imports", title: "CSVの取り込み", values: values, context: context, status: refused ? .unprocessableContent : .ok)
    }
}
