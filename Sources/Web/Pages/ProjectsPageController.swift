import Domain
import Foundation
import Hummingbird
import Postgres
import Reports
import Store

/// Adopted projects the caller may see, with filters, a chart by prefecture and the list as
/// CSV in the published form. A bureau sees its prefectures, a secretariat its consortia:
/// the database's scope decides, the same as for GET /api/v1/projects.
struct ProjectsPageController: PageController {
    let database: TenantDatabase
    let renderer: PageRenderer

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("projects", use: list)
        group.get("projects.csv", use: csv)
    }

    struct Selection {
        var filter: ProjectRepository.Filter
        /// nil: the latest year with projects the caller can see, up to the current one.
        var year: FiscalYear?
        /// The frame as chosen or typed: its code or its Japanese name (通常枠).
        var frame: String?
    }

    static func selection(_ request: Request) throws -> Selection {
        var query = QueryReader(form: request)
        let year = query.fiscalYear("year")
        let filter = ProjectRepository.Filter(
            fiscalYear: year, status: query.vocabulary("status", ProjectStatus.self), prefecture: query.prefecture(), frame: nil)
        let frame = query.string("frame", maxLength: 100)
        try query.finish()
        return Selection(filter: filter, year: year, frame: frame)
    }

    /// The projects, and each one's latest claim version (what the bureau reviews).
    private func load(_ chosen: Selection, caller: UserAccount)
        async throws -> ([Store.ProjectSummary], [String: ClaimListItem], Selection, [ProjectRepository.FrameChoice])
    {
        try await database.run(as: caller) { connection in
            var selection = chosen
            if selection.year == nil {
                selection.year = try Self.latestYear(selection.filter, on: connection)
            }
            selection.filter.fiscalYear = selection.year
            let frames = try ProjectRepository().frames(fiscalYear: selection.year ?? PageFormat.currentFiscalYear(), on: connection)
            if let typed = selection.frame {
                selection.filter.frame = try Self.frameCode(typed, among: frames)
            }
            let items = try Page.all { try ProjectRepository().list(selection.filter, page: $0, on: connection) }
            let latest = try Page.all {
                try ClaimRepository().list(.init(fiscalYear: selection.year, latestOnly: true), page: $0, on: connection)
            }
            let claims = Dictionary(latest.map { ($0.projectCode, $0) }, uniquingKeysWith: { _, last in last })
            return (items, claims, selection, frames)
        }
    }

    /// The code of the frame typed or chosen, by code or by its Japanese name as printed
    /// (通常枠, 【通常枠】); a name the year does not have is a mistake named in Japanese.
    static func frameCode(_ typed: String, among frames: [ProjectRepository.FrameChoice]) throws -> String {
        let wanted = typed.filter { !"【】 　".contains($0) }
        if let frame = frames.first(where: { $0.code == typed || $0.name.filter { !"【】 　".contains($0) } == wanted }) { return frame.code }
        let names = frames.map(\.name).joined(separator: "、")
        throw Problem.validation([FieldIssue(field: "frame", message: "この年度に「\(typed)」という枠はありません（\(names.isEmpty ? "枠が登録されていません" : "選べる枠: \(names)")）")])
    }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        let (projects, claims, selection, frames) = try await load(try Self.selection(request), caller: caller)
        let year = selection.year ?? PageFormat.currentFiscalYear()
        var byPrefecture: [Prefecture: (count: Int, granted: Yen, claimed: Yen)] = [:]
        for project in projects {
            var entry = byPrefecture[project.prefecture] ?? (0, .zero, .zero)
            entry.count += 1
            entry.granted = try entry.granted.adding(project.granted ?? .zero)
            entry.claimed = try entry.claimed.adding(Self.claimed(claims[project.code]) ?? .zero)
            byPrefecture[project.prefecture] = entry
        }
        let prefectures = byPrefecture.keys.sorted { $0.code < $1.code }
        let bars = prefectures.map { prefecture -> SVGChart.Bar in
            let entry = byPrefecture[prefecture]!
            return SVGChart.Bar(label: prefecture.name, value: Int64(entry.count),
                                caption: "\(entry.count)件 \(entry.granted.formattedWithSymbol)")
        }
        let filter = selection.filter
        let values: [String: Any] = [
            "year": year.japaneseName,
            "years": PageFormat.yearOptions(selected: year),
            "prefectures": Prefecture.all
                .filter { caller.bureaus.isEmpty || caller.bureaus.contains($0.bureau) }
                .map { ["value": String($0.code), "label": $0.name, "selected": $0 == filter.prefecture] },
            "statuses": PageFormat.options(ProjectStatus.allCases, selected: filter.status?.rawValue),
            "frames": frames.map { ["value": $0.code, "label": $0.name, "selected": $0.code == filter.frame] },
            "query": request.uri.query ?? "",
            "projects": projects.map { project -> [String: Any] in
                var row = ProjectsView.row(project)
                let claim = claims[project.code]
                row["claimStatus"] = claim.map { "第\($0.claimVersion)版 \($0.status.japaneseName)" } ?? "未提出"
                row["claimAmount"] = Self.claimed(claim).map(\.formattedWithSymbol) ?? ""
                return row
            },
            "prefectureRows": prefectures.map { prefecture -> [String: Any] in
                let entry = byPrefecture[prefecture]!
                return ["name": prefecture.name, "count": entry.count, "granted": entry.granted.formattedWithSymbol,
                        "claimed": entry.claimed.formattedWithSymbol]
            },
            "count": projects.count,
            "granted": Yen(projects.reduce(0) { $0 + ($1.granted?.amount ?? 0) }).formattedWithSymbol,
            "chart": SVGChart.horizontalBars(title: "都道府県別の採択件数と交付決定額", bars: bars),
        ]
        return renderer.page("projects", title: "採択事業 \(year.japaneseName)", values: values, context: context)
    }

    /// The latest fiscal year, up to the current one and ten years back, with a project that
    /// matches; the current one when there is none. A page without a year opens where the work is.
    static func latestYear(_ filter: ProjectRepository.Filter, on connection: PostgresConnection) throws -> FiscalYear {
        let current = PageFormat.currentFiscalYear()
        var year = current
        for _ in 0..<10 {
            var probe = filter
            probe.fiscalYear = year
            if try !ProjectRepository().list(probe, page: PageRequest(limit: 1), on: connection).items.isEmpty { return year }
            year = year.previous
        }
        return current
    }

    /// The amount claimed by a claim of record (submitted, approved or paid); a returned or
    /// draft version claims nothing.
    static func claimed(_ claim: ClaimListItem?) -> Yen? {
        guard let claim, [.submitted, .approved, .paid].contains(claim.status) else { return nil }
        return claim.claim
    }

    @Sendable func csv(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        let (projects, _, selection, _) = try await load(try Self.selection(request), caller: caller)
        let year = selection.year ?? PageFormat.currentFiscalYear()
        // The published form, the same file as `jinjibu export adopted`; it imports back as it is.
        return PageRenderer.csvDownload(try AdoptedList(projects).csv(), filename: "adopted_\(year.startYear).csv")
    }
}
