import Domain
import Foundation
import Hummingbird
import Reports
import Store

/// The funnel as hubs count it (`HubFunnel`) over a consortium's fiscal year, and its register
/// of senior mentors. Reads only: mentors and their matches come in through
/// `POST /api/v1/imports/{mentors,mentor_matches}`; prospects, referrals from partners,
/// accompanied visits and fees through events, consultations and placements.
struct FunnelController {
    let database: TenantDatabase

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("consortia/:code/funnel", use: funnel)
        group.get("consortia/:code/mentors", use: mentors)
    }

    /// `fiscal_year` is required; `as_of` (the day mentors registered are counted on, when
    /// earlier than the year's end) defaults to today.
    @Sendable func funnel(_ request: Request, context: APIContext) async throws -> Response {
        try await database.consortiumYearReport(request, context) { connection, code, year, asOf in
            try ActivityActualsRepository(connection: connection).hubFunnel(forConsortium: code, fiscalYear: year, asOf: asOf)
        }
    }

    @Sendable func mentors(_ request: Request, context: APIContext) async throws -> Response {
        let code = try context.code("code")
        try QueryReader(request).finish()
        return try await database.report(context) { MentorList(consortium: code, items: try MentorRepository().list(consortiumCode: code, on: $0)) }
    }

    struct MentorList: Encodable {
        var consortium: String
        var items: [MentorRepository.Mentor]
    }
}
