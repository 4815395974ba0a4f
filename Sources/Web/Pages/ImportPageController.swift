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
        group.post("imports/rejects.csv", use: rejects)
    }

    /// The rejected rows of a "keep the valid rows" import travel in the result page's own
    /// form (base64) up to this size, so that no upload is kept on the server between requests
    /// (and any instance behind a load balancer can answer the download).
    static let rejectsInPageLimit = 512 * 1024

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
        let keepValid = form.fields["skip_invalid"] == "1"
        let rejectsFile = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("rejects.csv").path
        let options = ImportOptions(encoding: form.fields["encoding"] == "cp932" ? .cp932 : .utf8, dryRun: form.fields["dry_run"] == "1",
                                    rejectsPath: keepValid ? rejectsFile : nil)
        // The form again as it was sent: the kind, the encoding and the check boxes stay chosen.
        var values: [String: Any] = [
            "kinds": kinds(for: caller, selected: kind.rawValue), "canImport": true,
            "cp932": options.encoding == .cp932, "dryRun": options.dryRun, "keepValid": keepValid,
        ]
        guard form.filename != nil else {
            values["errors"] = ["file": "CSVファイルを選んでください"]
            return renderer.page("imports", title: "CSVの取り込み", values: values, context: context, status: .unprocessableContent)
        }
        let report: ImportReport
        do {
            report = try await ImportController(database: database, uploads: uploads).perform(kind, file: file, options: options, caller: caller)
        } catch let problem as Problem where problem.type == "import-file-invalid" {
            // A wrong header or encoding is the file's, not the page's: say so beside the file.
            values["errors"] = ["file": [problem.title, problem.detail].compactMap { $0 }.joined(separator: "。") + "。見出し行と文字コードを確かめてください。"]
            values["filename"] = form.filename ?? ""
            return renderer.page("imports", title: "CSVの取り込み", values: values, context: context, status: .unprocessableContent)
        }
        values["report"] = [
            "filename": form.filename ?? "", "kind": Self.labels[kind.rawValue] ?? kind.rawValue, "kindValue": kind.rawValue,
            "rows": report.rowsRead, "inserted": report.inserted, "updated": report.updated, "unchanged": report.unchanged,
            "invalid": report.invalidRows, "committed": report.committed, "dryRun": report.dryRun,
            "issues": report.issues.map { ["line": $0.line, "column": $0.column ?? "", "value": $0.value ?? "", "reason": $0.reason] },
            "hasIssues": !report.issues.isEmpty, "rejected": report.rejectsWritten,
            "rejects": report.rejectsWritten > 0 ? Self.rejectsDownload(rejectsFile, kind: kind, encoding: options.encoding) : false,
        ]
        let refused = !report.committed && !report.dryRun
        return renderer.page("imports", title: "CSVの取り込み", values: values, context: context, status: refused ? .unprocessableContent : .ok)
    }

    /// The rejected rows for the result page's download form; too large a file is only counted.
    static func rejectsDownload(_ path: String, kind: ImportKind, encoding: TextEncoding) -> Any {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        guard data.count <= rejectsInPageLimit else { return ["tooLarge": true] }
        return ["data": data.base64EncodedString(), "name": "rejects_\(kind.rawValue).csv", "encoding": encoding.rawValue]
    }

    /// Gives back the rejected rows that the result page carries, as a file to correct and
    /// import again: Excel reads UTF-8 by its byte order mark; Shift_JIS stays as it came.
    @Sendable func rejects(_ request: Request, context: APIContext) async throws -> Response {
        _ = try context.requireCaller()
        let form = try await FormBody.verified(request, context: context)
        guard let data = form["data"].flatMap({ Data(base64Encoded: $0) }), data.count <= Self.rejectsInPageLimit,
              let kind = form["kind"].flatMap(ImportKind.init(rawValue:)) else {
            throw Problem.validation([FieldIssue(field: "data", message: "保存する行がありません。もう一度取り込んでください")])
        }
        let utf8 = form["encoding"] != TextEncoding.cp932.rawValue
        let body = (utf8 ? Data([0xEF, 0xBB, 0xBF]) : Data()) + data
        return PageRenderer.csvDownload(body, filename: "rejects_\(kind.rawValue).csv", charset: utf8 ? "utf-8" : "shift_jis")
    }
}
