import Domain
import Hummingbird
import Reports
import Store

/// The bureau report for people: the year's adopted projects by prefecture (with a chart),
/// by frame, with granted, claimed, confirmed and paid totals, the refunds due and received,
/// KPI achievement, the published
/// figures beside our records, the outcomes of their consortia, the repeat applicants, and
/// the year against the one before. The figures are `BureauReport`'s, both years loaded in one
/// snapshot by `ReportController.bureauReports` in the caller's scope (a bureau sees its own
/// bureau only).
struct BureauReportPageController: PageController {
    let database: TenantDatabase
    let renderer: PageRenderer

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("bureau/report", use: show)
        group.get("bureau/report.csv", use: csv)
    }

    /// The year and the date the report is for: `year` (else the latest one with an adopted
    /// project in the caller's scope) and `as_of` (else today).
    private func choice(_ request: Request, caller: UserAccount) async throws -> (FiscalYear, LocalDate) {
        var query = QueryReader(form: request)
        let chosen = query.fiscalYear("year")
        let asOf = query.date("as_of") ?? LocalDate.today()
        try query.finish()
        if let chosen { return (chosen, asOf) }
        return (try await database.run(as: caller) { try ProjectsPageController.latestYear(.init(), on: $0) }, asOf)
    }

    /// The report's figures as rows for Excel (`BureauReport.csv`, with a byte-order mark).
    @Sendable func csv(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        let (year, asOf) = try await choice(request, caller: caller)
        let series = try await ReportController(database: database).bureauReports(
            years: year.startYear...year.startYear, bureau: nil, asOf: asOf, caller: caller)
        return PageRenderer.csvDownload(try series.reports[0].csv(byteOrderMark: true), filename: "bureau_report_\(year.startYear).csv")
    }

    @Sendable func show(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        let (year, asOf) = try await choice(request, caller: caller)
        let series = try await ReportController(database: database).bureauReports(
            years: (year.startYear - 1)...year.startYear, bureau: nil, asOf: asOf, caller: caller)
        let report = series.reports[1]
        let prefectures = report.byPrefecture.keys.sorted()
        let name = { (code: String) -> String in Int(code).flatMap { try? Prefecture(code: $0) }?.name ?? code }
        let bars = prefectures.map { code -> SVGChart.Bar in
            let totals = report.byPrefecture[code]!
            return SVGChart.Bar(label: name(code), value: Int64(totals.projects),
                                caption: "\(totals.projects)件 交付 \(Yen(totals.grantedYen).formattedWithSymbol)")
        }
        let row = { (label: String, totals: BureauReport.Totals) -> [String: Any] in
            ["label": label, "projects": totals.projects, "granted": Yen(totals.grantedYen).formattedWithSymbol,
             "claimed": totals.claimedProjects, "subsidy": Yen(totals.subsidyYen).formattedWithSymbol,
             "claim": Yen(totals.claimYen).formattedWithSymbol, "confirmed": totals.confirmedProjects,
             "confirmedYen": Yen(totals.confirmedYen).formattedWithSymbol, "paid": totals.paidProjects,
             "paidYen": Yen(totals.paidYen).formattedWithSymbol]
        }
        let activities = report.activities
        let retention = report.retention
        let values: [String: Any] = [
            "year": year.japaneseName, "yearValue": year.startYear, "bureau": report.bureau?.japaneseName ?? "全国",
            "asOf": PageFormat.dateWithISO(asOf),
            "years": PageFormat.yearOptions(selected: year),
            "adopted": report.adoptedProjects, "withdrawn": report.withdrawnProjects, "claimed": report.claimedProjects,
            "applicants": report.applicantOrganizations,
            "total": row("合計", report.total),
            "refunds": ([("合計", report.total)] + prefectures.compactMap { code in
                report.byPrefecture[code].flatMap { $0.refundDueYen > 0 || $0.refundReceivedYen > 0 ? (name(code), $0) : nil }
            }).map { label, totals -> [String: Any] in
                ["label": label, "due": Yen(totals.refundDueYen).formattedWithSymbol, "received": Yen(totals.refundReceivedYen).formattedWithSymbol,
                 "outstanding": Yen(totals.refundDueYen &- totals.refundReceivedYen).formattedWithSymbol]
            },
            "prefectures": prefectures.map { row(name($0), report.byPrefecture[$0]!) },
            "frames": report.byFrame.keys.sorted().map { row(report.groupLabel("frame", $0), report.byFrame[$0]!) },
            "bureaus": Bureau.allCases.compactMap { bureau in report.byBureau[bureau.rawValue].map { row(bureau.japaneseName, $0) } },
            "kpiGroups": Self.kpiRows(report, name: name),
            "published": report.published.map(Self.published),
            "hasKPIDifferences": !report.kpiDifferences.isEmpty,
            "kpiDifferences": report.kpiDifferences.map { difference -> [String: Any] in
                let show = { (ratio: Ratio?) in ratio.map { difference.unit == .count ? PageFormat.count(Int($0.numerator)) : PageFormat.percent($0) } ?? "—" }
                return ["project": difference.projectCode, "metric": KPIMetric.japaneseLabel(difference.metric),
                        "submitted": show(difference.submitted), "today": show(difference.today)]
            },
            "selfFunding": report.selfFunding.map { entry -> [String: Any] in
                ["consortium": entry.consortium, "name": report.groupLabel("consortium", entry.consortium), "income": PageFormat.yen(Yen(entry.totalIncomeYen)), "cost": PageFormat.yen(Yen(entry.totalCostYen)),
                 "coverage": PageFormat.percent(entry.coverage), "previous": PageFormat.percent(entry.previousCoverage),
                 "change": SelfFundingYear.pointChangeText(entry.coverageChangePermille)]
            },
            "comparison": series.yearOnYear.map(Self.comparison),
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

    /// KPI achievement per metric, for the whole scope and then per bureau, prefecture and frame.
    static func kpiRows(_ report: BureauReport, name: (String) -> String) -> [[String: Any]] {
        let groups: [(String, [(String, [String: BureauReport.KPIAchievement])])] = [
            ("全体", report.kpiByMetric.isEmpty ? [] : [("全体", report.kpiByMetric)]),
            ("経済産業局", Bureau.allCases.compactMap { bureau in report.kpiByBureau[bureau.rawValue].map { (bureau.japaneseName, $0) } }),
            ("都道府県", report.kpiByPrefecture.keys.sorted().map { (name($0), report.kpiByPrefecture[$0]!) }),
            ("事業 / 枠", report.kpiByFrame.keys.sorted().map { (report.groupLabel("frame", $0), report.kpiByFrame[$0]!) }),
        ]
        return groups.flatMap { grouping, entries in
            entries.flatMap { label, metrics in
                metrics.keys.sorted().map { metric -> [String: Any] in
                    let value = metrics[metric]!
                    return ["grouping": grouping, "label": label, "metric": KPIMetric.japaneseLabel(metric),
                            "targets": value.targets, "met": value.met,
                            "actualSum": value.actualSum.map { SVGChart.grouped($0) } ?? "—",
                            "targetSum": value.targetSum.map { SVGChart.grouped($0) } ?? "—",
                            "achievement": PageFormat.percent(value.achievement), "metRate": PageFormat.percent(value.metRate)]
                }
            }
        }
    }

    /// A programme's published figures beside our records; "—" where no source states one.
    static func published(_ comparison: BureauReport.PublishedComparison) -> [String: Any] {
        let show = { (value: Int?) in value.map(String.init) ?? "—" }
        return ["program": comparison.published.programName ?? comparison.published.program,
                "applications": show(comparison.published.applications), "adopted": show(comparison.published.adopted),
                "budget": comparison.published.budget?.formattedWithSymbol ?? "—", "inRecords": comparison.adoptedInRecords,
                "scope": comparison.national ? "登録済（全国）" : "登録済（自局分）", "source": comparison.published.source,
                "frames": comparison.frames.map {
                    ["frame": comparison.frameLabel($0), "published": show(comparison.published.adoptedByFrame[$0]),
                     "inRecords": comparison.adoptedInRecordsByFrame[$0] ?? 0]
                }]
    }

    /// The year against the one before: counts and totals with their change, then the rates.
    static func comparison(_ comparison: YearOnYear) -> [String: Any] {
        var rows: [[String: Any]] = comparison.figures.map { figure in
            let show = { (value: Int64) in figure.isMoney ? Yen(value).formattedWithSymbol : SVGChart.grouped(value) }
            return ["label": figure.label, "previous": show(figure.previous), "current": show(figure.current),
                    "change": (figure.change > 0 ? "+" : "") + show(figure.change)]
        }
        rows += comparison.rates.map {
            ["label": $0.label, "previous": PageFormat.percent($0.previous), "current": PageFormat.percent($0.current), "change": ""]
        }
        return ["previousYear": comparison.previousFiscalYear.japaneseName, "year": comparison.fiscalYear.japaneseName, "rows": rows]
    }
}
