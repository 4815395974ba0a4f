import Domain
import Foundation
import Postgres
import Store

/// A fiscal year's adopted projects in the form the ministry publishes them (採択一覧): frame
/// by frame, the standard frame first, each frame by its published number — No., 事業者名,
/// 法人番号, 事業実施地域, 事業名 — with joint applicants `;`-separated as in
/// `data/adopted_r4.csv`. A CSV has no headings, so every row also names its year, programme
/// and frame (by their Japanese names), and ends with the project's code, so that a project
/// without a published number is found again too. `import adopted_projects` reads the file
/// back as it is and changes nothing.
///
/// `/projects.csv` and `jinjibu export adopted` both write this, and only this.
public struct AdoptedList: Sendable {
    public static let header = ["年度", "事業", "枠", "No.", "事業者名", "法人番号", "事業実施地域", "事業名", "コード"]

    public let projects: [Store.ProjectSummary]

    public init(_ projects: [Store.ProjectSummary]) {
        self.projects = projects.sorted { a, b in
            (a.fiscalYear.startYear, a.program, Self.frameOrder(a.frame), a.no ?? Int.max, a.code)
                < (b.fiscalYear.startYear, b.program, Self.frameOrder(b.frame), b.no ?? Int.max, b.code)
        }
    }

    /// The published lists put the standard frame (通常枠) first and the others after it
    /// (FY2023: 【通常枠】, then 【地域企業共同戦略枠】); the others here by code.
    static func frameOrder(_ frame: String) -> String {
        frame == AdoptedProjectCode.standardFrame ? "" : frame
    }

    /// Every project the connection may see that matches the filter (the database's scope
    /// decides, as for the project list).
    public static func load(_ filter: ProjectRepository.Filter, on connection: PostgresConnection) throws -> AdoptedList {
        var items: [Store.ProjectSummary] = []
        var page = PageRequest(limit: PageRequest.maximumLimit)
        while true {
            let result = try ProjectRepository().list(filter, page: page, on: connection)
            items += result.items
            guard let next = result.next else { break }
            page = PageRequest(limit: PageRequest.maximumLimit, after: next)
        }
        return AdoptedList(items)
    }

    public static func record(_ project: Store.ProjectSummary) -> [String] {
        [
            String(project.fiscalYear.startYear), project.programName ?? project.program, project.frameName ?? project.frame,
            project.no.map(String.init) ?? "",
            project.applicants.map(\.name).joined(separator: ";"),
            project.applicants.map { $0.corporateNumber ?? "-" }.joined(separator: ";"),
            project.region, project.projectName, project.code,
        ]
    }

    /// The list as CSV. UTF-8 starts with a byte-order mark, so that Excel opens it without
    /// asking; text that a spreadsheet would run as a formula is guarded.
    public func csv(encoding: TextEncoding = .utf8) throws -> Data {
        var writer = CSVWriter(encoding: encoding, formulaSafe: true, byteOrderMark: encoding == .utf8)
        try writer.write(Self.header)
        for project in projects { try writer.write(Self.record(project)) }
        try writer.finish()
        return writer.data
    }
}
