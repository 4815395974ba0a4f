import Foundation
import Hummingbird
import Postgres
import Store

/// POST /api/v1/imports/{kind}: the command line's CSV imports over HTTP, with the same rules:
/// all or nothing (any invalid row and nothing is written; every invalid row is listed),
/// `dry_run` to check only, `skip_invalid` to write the valid rows. The body is the file
/// itself (`text/csv`), UTF-8 or `encoding=cp932`.
struct ImportController {
    let database: TenantDatabase
    let uploads: UploadSlots

    /// What a secretariat may load for its consortia; the rest (frames, adopted projects,
    /// consortia) are an administrator's.
    static let secretariatKinds: Set<String> = [
        "organizations", "memberships", "kpi_targets", "expenses", "events", "placements", "consultations",
        "plans", "plan_kpis", "plan_reviews", "income", "costs", "mentors", "mentor_matches",
    ]
    static let uploadLimit = 64 * 1024 * 1024

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.post("imports/:kind", use: run)
    }

    @Sendable func run(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        let kindName = try context.parameters.require("kind")
        guard let kind = ImportKind(rawValue: kindName) else {
            throw Problem.notFound("取り込みの種類は \(ImportKind.allCases.map(\.rawValue).joined(separator: ", ")) です")
        }
        try Self.requireAllowed(kind, caller)
        var query = QueryReader(request)
        let dryRun = query.boolean("dry_run") ?? false
        let skipInvalid = query.boolean("skip_invalid") ?? false
        let encoding = query.vocabulary("encoding", TextEncoding.self) ?? .utf8
        try query.finish()
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("text/csv") || type.hasPrefix("application/octet-stream") else {
            throw Problem(status: .unsupportedMediaType, type: "unsupported-media-type", title: "本文は text/csv で送ってください")
        }

        let report = try await uploads.withSlot {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jinjibu-upload-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("upload.csv").path
            try await Self.save(request, to: file)
            // Rows set aside by skip_invalid are listed in the answer; the file is not kept.
            let options = ImportOptions(
                encoding: encoding, dryRun: dryRun, rejectsPath: skipInvalid ? directory.appendingPathComponent("rejects.csv").path : nil)
            return try await perform(kind, file: file, options: options, caller: caller)
        }
        let json = ImportReportJSON(report)
        if !report.committed && !report.dryRun {
            throw Problem(status: .unprocessableContent, type: "import-refused",
                          title: "\(report.invalidRows)行に誤りがあるため、何も書き込みませんでした",
                          extensions: ["report": json])
        }
        return try APIJSON.response(json)
    }

    static func requireAllowed(_ kind: ImportKind, _ caller: UserAccount) throws {
        switch caller.role {
        case .admin: break
        case .secretariat where Self.secretariatKinds.contains(kind.rawValue): break
        default: throw Problem.forbidden("\(caller.role.japaneseName)の権限では \(kind.rawValue) を取り込めません")
        }
    }

    /// Runs the import in the caller's scope; the upload page comes through here too.
    func perform(_ kind: ImportKind, file: String, options: ImportOptions, caller: UserAccount) async throws -> ImportReport {
        do {
            return try await database.run(as: caller) { connection in
                try CSVImport.run(kind, file: file, options: options, on: connection, actor: caller.actor)
            }
        } catch let error as ImportError {
            throw Problem(status: .unprocessableContent, type: "import-file-invalid", title: "ファイルを読み込めません", detail: error.description)
        } catch let error as PostgresError where error.kind == .server && error.sqlState?.errorClass == "22" {
            // A value the database cannot hold at all (a NUL byte in a cell): the expenses
            // import streams its rows with COPY, which refuses the whole file for it.
            throw Problem(status: .unprocessableContent, type: "import-file-invalid", title: "ファイルを読み込めません",
                          detail: "データベースに保存できない文字（NUL など）が含まれています")
        }
    }

    /// Streams the body to a file, refusing more than the limit (at once when Content-Length says so).
    static func save(_ request: Request, to path: String) async throws {
        let tooLarge = Problem(status: .contentTooLarge, type: "payload-too-large", title: "ファイルが大きすぎます（上限 64 MB）")
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > uploadLimit { throw tooLarge }
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw Problem(status: .internalServerError, type: "internal", title: "サーバーで問題が起きました")
        }
        defer { try? handle.close() }
        var written = 0
        try await request.forEachBodyPart { buffer in
            written += buffer.readableBytes
            if written > uploadLimit { throw tooLarge }
            handle.write(Data(buffer: buffer))
        }
    }
}

