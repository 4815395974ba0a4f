import Domain
import Foundation
import Hummingbird
import Reports
import Store

/// The bureau's view of a fiscal year (`jinjibu report bureau`) and the record of batch
/// export runs (`jinjibu export claims`).
struct ReportController {
    let database: TenantDatabase

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("reports/bureau", use: bureau)
        group.get("reports/bureau/years", use: bureauYears)
        group.resource("export-runs", list: listRuns, show: showRun)
    }

    /// A bureau sees its own bureau's report; an administrator any bureau's, or all.
    @Sendable func bureau(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.decide, "経済産業局の集計")
        var query = QueryReader(request)
        let requested = query.fiscalYear()
        let bureau = query.vocabulary("bureau", Bureau.self)
        let asOf = query.date("as_of")
        let year = try query.finish(requiring: requested)
        let report = try await bureauReport(year: year, bureau: bureau, asOf: asOf ?? LocalDate.today(), caller: caller)
        return try APIJSON.response(data: try report.json())
    }

    /// Consecutive years (`fiscal_year` to `to_fiscal_year`), each against the year before:
    /// `jinjibu report bureau --to-fiscal-year --format json`.
    @Sendable func bureauYears(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.decide, "経済産業局の集計")
        var query = QueryReader(request)
        let from = query.fiscalYear()
        let to = query.fiscalYear("to_fiscal_year")
        let bureau = query.vocabulary("bureau", Bureau.self)
        let asOf = query.date("as_of")
        if query.issues.isEmpty {
            if from == nil { query.fail("fiscal_year", "始まりの年度を指定してください") }
            if to == nil { query.fail("to_fiscal_year", "終わりの年度を指定してください") }
            if let from, let to, let problem = BureauReportSeries.problem(from: from, to: to) { query.fail("to_fiscal_year", problem) }
        }
        try query.finish()
        guard let from, let to else { throw Problem.invalidQuery(query.issues) }
        let series = try await bureauReports(years: from.startYear...to.startYear, bureau: bureau, asOf: asOf ?? LocalDate.today(), caller: caller)
        return try APIJSON.response(data: try series.json())
    }

    /// The report in the caller's scope: a bureau only its own; the bureau report page comes
    /// through here too.
    func bureauReport(year: FiscalYear, bureau requested: Bureau?, asOf: LocalDate, caller: UserAccount) async throws -> BureauReport {
        let scope = ExportScope(fiscalYear: year, bureau: try Self.bureau(requested, caller: caller))
        return try await database.snapshot(as: caller) { connection in
            try BureauReport.load(scope: scope, asOf: asOf, on: connection)
        }
    }

    /// Consecutive years' reports in the caller's scope, in one snapshot (the bureau page's
    /// comparison with the year before).
    func bureauReports(years: ClosedRange<Int>, bureau requested: Bureau?, asOf: LocalDate, caller: UserAccount) async throws -> BureauReportSeries {
        let bureau = try Self.bureau(requested, caller: caller)
        return try await database.snapshot(as: caller) { connection in
            try BureauReportSeries.load(years: years, bureau: bureau, asOf: asOf, on: connection)
        }
    }

    /// The bureau a caller may see: a bureau user only its own; an administrator the one asked
    /// for, or all.
    static func bureau(_ requested: Bureau?, caller: UserAccount) throws -> Bureau? {
        try Access.require(Access.decide, caller, "経済産業局の集計")
        guard caller.role == .bureau else { return requested }
        if let requested, requested != caller.bureau { throw Problem.forbidden("他の経済産業局の集計は見られません") }
        return caller.bureau
    }

    @Sendable func listRuns(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.decide, "書き出しの記録の閲覧")
        var query = QueryReader(request)
        let year = query.fiscalYear()
        let page = try query.finishPage()
        let result = try await database.run(as: caller) { try ExportRunRepository().list(fiscalYear: year, page: page, on: $0) }
        let actors = try await Self.actors(of: result.items, caller: caller, database: database)
        return try APIJSON.response(ListJSON(items: result.items.map { actors($0) }, nextCursor: Cursor.encode(result.next)))
    }

    @Sendable func showRun(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.decide, "書き出しの記録の閲覧")
        let id = try context.id("id")
        let run = try await database.run(as: caller) { try ExportRunRepository().find(id: id, on: $0) }
        return try APIJSON.response(try await Self.actors(of: [run], caller: caller, database: database)(run))
    }

    /// Who ran an export (the command line, usually by a person's system account) as the caller
    /// reads it: the runs span consortia, so none names a secretariat's.
    static func actors(
        of runs: [ExportRunRecord], caller: UserAccount, database: TenantDatabase
    ) async throws -> @Sendable (ExportRunRecord) -> ExportRunRecord {
        let actors = try await ActorPresenter.load(for: caller, actors: runs.map(\.actor), consortia: [String](), database: database)
        return { run in
            var run = run
            run.actor = actors(run.actor)
            return run
        }
    }
}
