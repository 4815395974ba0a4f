import Domain
import Foundation
import Hummingbird
import Reports
import Store

/// Multi-year plans against the records (`jinjibu report plan`) and a consortium's own
/// finances per year. Reads only: plans, their KPIs and reviews, income and costs come in
/// through `POST /api/v1/imports/{plans,plan_kpis,plan_reviews,income,costs}`.
struct PlanController {
    let database: TenantDatabase

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("plans/:code", use: show)
        group.get("consortia/:code/plans", use: list)
        group.get("consortia/:code/self-funding", use: selfFunding)
    }

    @Sendable func show(_ request: Request, context: APIContext) async throws -> Response {
        let code = try context.code("code")
        var query = QueryReader(request)
        let asOf = query.date("as_of")
        try query.finish()
        return try await database.report(context) { try PlanRepository(connection: $0).report(code: code, asOf: asOf ?? LocalDate.today()) }
    }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> Response {
        let code = try context.code("code")
        return try await database.report(context) { connection in
            _ = try ConsortiumRepository().find(code: code, on: connection)
            return PlanList(items: try PlanRepository(connection: connection).plans(consortium: code))
        }
    }

    /// `from_year` and `to_year` default to the current fiscal year and the two before it.
    @Sendable func selfFunding(_ request: Request, context: APIContext) async throws -> Response {
        let code = try context.code("code")
        var query = QueryReader(request)
        let current = FiscalYear(containing: LocalDate.today())
        let last = query.fiscalYear("to_year") ?? current
        let first = query.fiscalYear("from_year") ?? FiscalYear(last.startYear - 2)
        if first > last { query.fail("from_year", "from_year は to_year 以前にしてください") }
        if last.startYear - first.startYear >= 20 { query.fail("from_year", "一度に見られるのは20年度までです") }
        try query.finish()
        return try await database.report(context) { connection in
            SelfFundingList(consortium: code, items: try SelfFundingRepository(connection: connection).years(consortium: code, from: first, to: last))
        }
    }

    struct PlanList: Encodable {
        var items: [MultiYearPlan]
    }

    struct SelfFundingList: Encodable {
        var consortium: String
        var items: [SelfFundingYear]
    }
}
