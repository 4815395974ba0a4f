import Domain
import Hummingbird
import Reports
import Store

/// The bureau report for people: the year's adopted projects by prefecture (with a chart),
/// by frame, the outcomes of their consortia and the repeat applicants. The figures are
/// `BureauReport`'s, loaded by the API's `ReportController.bureauReport` in the caller's scope
/// (a bureau sees its own bureau only).
struct BureauReportPageController {
    let database: TenantDatabase
    let renderer: PageRenderer

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("bureau/report", use: show)
    }

    @Sendable func show(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        var query = QueryReader(form: request)
        let chosen = query.fiscalYear("year")
        let asOf = query.date("as_of") ?? LocalDate.today()
        try query.finish()
        var year = PageFormat.currentFiscalYear()
        if let chosen {
            year = chosen
        } else {
            // Without a year: the latest one with an adopted project in the caller's scope.
            year = try await database.run(as: caller) { try ProjectsPageController.latestYear(.init(), on: $0) }
        }
        let report = try await ReportController(database: database).bureauReport(year: year, bureau: nil, asOf: asOf, caller: caller)
        let prefectures = report.byPrefecture.keys.sorted()
        let name = { (code: String) -> String in Int(code).flatMap { try? Prefecture(code: $0) }?.name ?? code }
        let bars = prefectures.map { code -> SVGChart.Bar in
            let totals = report.byPrefecture[code]!
            return SVGChart.Bar(label: name(code), value: Int64(totals.projects),
                                caption: "\(totals.projects)件 交付 \(Yen(totals.grantedYen).formattedWithSymbol)")
        }
        let row = { (label: String, totals: BureauReport.Totals) -> [String: Any] in
            ["label": label, "projects": totals.projects, "granted": Yen(totals.grantedYen).formattedWithSymbol,
             "subsidy": Yen(totals.subsidyYen).formattedWithSymbol, "claim": Yen(totals.claimYen).formattedWithSymbol]
        }
        let activities = report.activities
        let retention = report.retention
        let current = PageFormat.currentFiscalYear().startYear
        let values: [String: Any] = [
            "year": year.japaneseName, "bureau": report.bureau?.japaneseName ?? "全国",
            "asOf": PageFormat.dateWithISO(asOf),
            "years": ((current - 4)...(current + 1)).reversed().map {
                ["value": String($0), "label": FiscalYear($0).japaneseName, "selected": $0 == year.startYear]
            },
            "adopted": report.adoptedProjects, "withdrawn": report.withdrawnProjects, "claimed": report.claimedProjects,
            "applicants": report.applicantOrganizations,
            "total": row("合計", report.total),
            "prefectures": prefectures.map { row(name($0), report.byPrefecture[$0]!) },
            "frames": report.byFrame.keys.sorted().map { row($0, report.byFrame[$0]!) },
            "chart": SVGChart.horizontalBars(title: "都道府県別の採択件数", bars: bars),
            "eventsChart": SVGChart.horizontalBars(title: "取組の件数（種類別）", bars: EventKind.allCases.map {
                SVGChart.Bar(label: $0.japaneseName, value: Int64(activities.eventsByKind[$0]))
            }),
            "participantsChart": SVGChart.horizontalBars(title: "参加者数（属性別）", bars: ParticipantSegment.allCases.map {
                SVGChart.Bar(label: $0.japaneseName, value: Int64(activities.participantsBySegment[$0]))
            }),
            "placementsChart": SVGChart.horizontalBars(title: "成約・採用（雇用形態別）", bars: EmploymentType.allCases.map {
                SVGChart.Bar(label: $0.japaneseName, value: Int64(activities.placementsByEmploymentType[$0]))
            }),
            "internships": activities.internships, "trainees": activities.trainingParticipants,
            "retention": PageFormat.percent(retention.rate), "retained": retention.retained, "matured": retention.matured,
            "repeats": report.repeatApplicants.map {
                ["name": $0.name, "number": $0.corporateNumber ?? "", "years": $0.fiscalYears.map { FiscalYear($0).japaneseName }.joined(separator: "、")]
            },
        ]
        return renderer.page("bureauReport", title: "集計 \(year.japaneseName)", values: values, context: context)
    }
}
