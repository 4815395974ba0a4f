import Foundation
import Hummingbird
import Store

/// Upload a CSV file of one import kind and see what it did, or every invalid row in a
/// table. The import is the API's (`ImportController.perform`): all or nothing, the same
/// role rules, run in the caller's scope.
struct ImportPageController {
    let database: TenantDatabase
    let renderer: PageRenderer

    static let labels: [String: String] = [
        "organizations": "団体・企業", "consortia": "コンソーシアム", "memberships": "構成員",
        "frames": "補助事業の枠", "adopted_projects": "採択事業（採択一覧）", "events": "取組",
        "placements": "成約・採用", "consultations": "相談・とりつなぎ", "expenses": "経費", "kpi_targets": "成果目標（KPI）",
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

    @Sendable func upload(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        let form = try await MultipartForm.read(request, limit: ImportController.uploadLimit)
        try CSRF.verify(FormBody(fields: form.fields), context: context)
        guard let kind = form.fields["kind"].flatMap(ImportKind.init(rawValue:)) else {
            throw Problem.validation([FieldIssue(field: "kind", message: "取り込む種類を選んでください")])
        }
        try ImportController.requireAllowed(kind, caller)
        var values: [String: Any] = ["kinds": kinds(for: caller, selected: kind.rawValue), "canImport": true]
        guard let data = form.file else {
            values["errors"] = ["file": "CSVファイルを選んでください"]
            return renderer.page("imports", title: "CSVの取り込み", values: values, context: context, status: .unprocessableContent)
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jinjibu-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("upload.csv").path
        try data.write(to: URL(fileURLWithPath: file))
        let options = ImportOptions(encoding: form.fields["encoding"] == "cp932" ? .cp932 : .utf8, dryRun: form.fields["dry_run"] == "1")
        let report = try await ImportController(database: database).perform(kind, file: file, options: options, caller: caller)
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
