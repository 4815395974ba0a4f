import Foundation
import Postgres

/// The demo data set `serve --demo` loads into an empty database: the 燕市 consortium with its
/// secretariat, institutions and a few dozen member firms, and a realistic FY2024 (令和6年度)
/// of events, placements and consultations, plus the claims part (DemoData+Claims: the R4 and
/// R5 adopted-project lists as published, and a FY2024 project with KPI targets, expenses and
/// a claim). It goes in through the CSV importers, so it obeys every rule real data does, and
/// it is the same on every run. Corporate numbers of the fictional firms are made up but carry valid check digits.
public enum DemoData {
    /// Loads the demo data unless the database already has a consortium; returns whether it
    /// loaded anything.
    @discardableResult
    public static func loadIfEmpty(on connection: PostgresConnection, actor: String) throws -> Bool {
        let hasData = try connection.query("SELECT EXISTS (SELECT 1 FROM consortia) AS present")[0].decode(Bool.self, "present")
        guard !hasData else { return false }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jinjibu-demo-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try connection.transaction { connection in
            for (kind, text) in files {
                try importText(kind, text, name: "\(kind.rawValue).csv", on: connection, actor: actor, directory: directory)
            }
            // Before the claims, so that the demo claim's snapshot counts these records too.
            try loadFunnel(on: connection, actor: actor, directory: directory)
            try loadClaims(on: connection, actor: actor, directory: directory)
            try loadPlans(on: connection, actor: actor, directory: directory)
        }
        return true
    }

    /// Imports `text` all or nothing, or with `skipInvalid` as `--skip-invalid` does (the
    /// rejects file goes into `directory`).
    @discardableResult
    static func importText(
        _ kind: ImportKind, _ text: String, name: String, on connection: PostgresConnection, actor: String, directory: URL,
        skipInvalid: Bool = false
    ) throws -> ImportReport {
        let path = directory.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let options = ImportOptions(rejectsPath: skipInvalid ? path + ".rejects.csv" : nil)
        let report = try CSVImport.run(kind, file: path, options: options, on: connection, actor: actor)
        guard report.committed else {
            throw StoreError.conflict("demo data \(name) refused: \(report.issues.prefix(5).map(\.description).joined(separator: "; "))")
        }
        return report
    }

    /// In import order: a placement names its event, a consultation the person placed.
    static let files: [(ImportKind, String)] = [
        (.organizations, organizations),
        (.organizations, applicantParticulars),
        (.consortia, consortia),
        (.memberships, memberships),
        (.events, events),
        (.placements, placements),
        (.consultations, consultations),
    ]
}
