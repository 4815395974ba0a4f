import Domain
import Foundation
import Hummingbird
import Reports
import Store

/// A consortium's activities and outcomes: events with participation, placements and
/// consultations, and the year's overview (`jinjibu report consortium`).
struct ActivityController {
    let database: TenantDatabase

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.resource("consortia/:code/events", member: ":event", list: listEvents, create: createEvent, show: showEvent,
                       update: updateEvent, delete: deleteEvent)
        group.resource("consortia/:code/placements", list: listPlacements, create: createPlacement, show: showPlacement, update: updatePlacement)
        group.resource("consortia/:code/consultations", list: listConsultations, create: createConsultation, show: showConsultation,
                       update: updateConsultation)
        group.get("consortia/:code/report", use: report)
    }

    // MARK: Events

    @Sendable func listEvents(_ request: Request, context: APIContext) async throws -> Response {
        let code = try context.code("code")
        var query = QueryReader(request)
        let filter = EventRepository.Filter(
            fiscalYear: query.fiscalYear(), kind: query.vocabulary("kind", EventKind.self), projectCode: query.code("project"))
        let page = try query.finishPage()
        return try await database.list(context, EventJSON.init) { try EventRepository().list(consortiumCode: code, filter, page: page, on: $0) }
    }

    @Sendable func showEvent(_ request: Request, context: APIContext) async throws -> Response {
        let (code, event) = (try context.code("code"), try context.code("event"))
        return try await database.show(context, EventJSON.init) { try EventRepository().find(consortiumCode: code, code: event, on: $0) }
    }

    @Sendable func createEvent(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.writeConsortiumData, "取組の登録")
        let code = try context.code("code")
        return try await database.create(request, context, as: caller, checking: Self.readNewEvent, EventJSON.init,
                                         location: { "/api/v1/consortia/\(code)/events/\($0.code)" }) {
            try EventRepository().create(consortiumCode: code, $0, on: $1)
        }
    }

    @Sendable func updateEvent(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.writeConsortiumData, "取組の変更")
        let (code, event) = (try context.code("code"), try context.code("event"))
        return try await database.update(request, context, as: caller, ifMatch: .optional, EventJSON.init) { received, expected, connection in
            try EventRepository().update(consortiumCode: code, code: event, expectedVersion: expected, on: connection) {
                try Self.changeEvent($0.draft, by: received)
            }
        }
    }

    @Sendable func deleteEvent(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.writeConsortiumData, "取組の削除")
        let (code, event) = (try context.code("code"), try context.code("event"))
        return try await database.delete(request, as: caller, ifMatch: .optional) {
            try EventRepository().delete(consortiumCode: code, code: event, expectedVersion: $0, on: $1)
        }
    }

    /// An event changed by a JSON body (PATCH semantics: absent leaves a field, null clears
    /// it); throws 422 with every problem. The event page changes an event through this too.
    static func changeEvent(_ current: EventDraft, by received: JSONBody) throws -> EventDraft {
        var body = received
        var draft = current
        body.patch("kind", required: &draft.kind) { $0.vocabulary("kind", EventKind.self) }
        body.patch("title", required: &draft.title) { $0.string("title", maxLength: 500) }
        body.patch("starts_on", required: &draft.startsOn) { $0.date("starts_on") }
        readEvent(&body, into: &draft)
        try body.finish()
        return draft
    }

    /// A new event's fields, checked; throws 422 with every problem. The events page reads
    /// its form through this too.
    static func readNewEvent(_ body: inout JSONBody) throws -> EventDraft {
        let eventCode = body.code("code", required: true)
        let kind = body.vocabulary("kind", EventKind.self, required: true)
        let title = body.string("title", required: true, maxLength: 500)
        let starts = body.date("starts_on", required: true)
        var draft = EventDraft(code: eventCode ?? "", kind: kind ?? .council, title: title ?? "", startsOn: starts ?? LocalDate(year: 2000, month: 1, day: 1)!)
        Self.readEvent(&body, into: &draft)
        try body.finish()
        return draft
    }

    static func readEvent(_ body: inout JSONBody, into draft: inout EventDraft) {
        body.patch("ends_on", &draft.endsOn) { $0.date("ends_on") }
        body.patch("project", &draft.projectCode) { $0.code("project") }
        body.patch("venue", &draft.venue) { $0.string("venue", maxLength: 500) }
        body.patch("online", required: &draft.online) { $0.boolean("online") }
        body.patch("firms", required: &draft.firmCodes) { $0.codes("firms") }
        body.patch("participants", required: &draft.participants) { $0.counts("participants", ParticipantSegment.self) }
        if let ends = draft.endsOn, ends < draft.startsOn { body.fail("ends_on", "終了日が開始日（\(draft.startsOn)）より前です") }
    }

    // MARK: Placements

    @Sendable func listPlacements(_ request: Request, context: APIContext) async throws -> Response {
        let code = try context.code("code")
        var query = QueryReader(request)
        let filter = OutcomeRepository.Filter(fiscalYear: query.fiscalYear(), firmCode: query.code("firm"))
        let type = query.vocabulary("employment_type", EmploymentType.self)
        let page = try query.finishPage()
        return try await database.list(context, Self.placementJSON(context)) {
            try OutcomeRepository().placements(consortiumCode: code, filter, employmentType: type, page: page, on: $0)
        }
    }

    @Sendable func showPlacement(_ request: Request, context: APIContext) async throws -> Response {
        let (code, id) = (try context.code("code"), try context.id("id"))
        return try await database.show(context, Self.placementJSON(context)) { try OutcomeRepository().placement(consortiumCode: code, id: id, on: $0) }
    }

    @Sendable func createPlacement(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.writeConsortiumData, "成約・採用の登録")
        let code = try context.code("code")
        return try await database.create(request, context, as: caller, checking: Self.readNewPlacement, Self.placementJSON(context),
                                         location: { "/api/v1/consortia/\(code)/placements/\($0.id)" }) {
            try OutcomeRepository().savePlacement(consortiumCode: code, $0, on: $1)
        }
    }

    @Sendable func updatePlacement(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.writeConsortiumData, "成約・採用の変更")
        let (code, id) = (try context.code("code"), try context.id("id"))
        return try await database.update(request, context, as: caller, ifMatch: .optional, Self.placementJSON(context)) { received, expected, connection in
            try OutcomeRepository().updatePlacement(consortiumCode: code, id: id, expectedVersion: expected, on: connection) {
                try Self.changePlacement($0.draft, by: received)
            }
        }
    }

    /// A placement changed by a JSON body (PATCH semantics); throws 422 with every problem.
    /// The outcomes page changes a placement through this too.
    static func changePlacement(_ current: PlacementDraft, by received: JSONBody) throws -> PlacementDraft {
        var body = received
        var draft = current
        body.patch("employment_type", required: &draft.employmentType) { $0.vocabulary("employment_type", EmploymentType.self) }
        readPlacement(&body, into: &draft)
        try body.finish()
        return draft
    }

    /// A new placement's fields, checked; the outcomes page reads its form through this too.
    static func readNewPlacement(_ body: inout JSONBody) throws -> PlacementDraft {
        let firm = body.code("firm", required: true)
        let person = body.string("person_ref", required: true, maxLength: 100)
        let type = body.vocabulary("employment_type", EmploymentType.self, required: true)
        let started = body.date("started_on", required: true)
        var draft = PlacementDraft(firmCode: firm ?? "", personRef: person ?? "", employmentType: type ?? .fullTime,
                                   startedOn: started ?? LocalDate(year: 2000, month: 1, day: 1)!)
        Self.readPlacement(&body, into: &draft)
        try body.finish()
        return draft
    }

    static func readPlacement(_ body: inout JSONBody, into draft: inout PlacementDraft) {
        body.patch("person_name", &draft.personName) { $0.string("person_name", maxLength: 200) }
        body.patch("ended_on", &draft.endedOn) { $0.date("ended_on") }
        body.patch("segment", &draft.segment) { $0.vocabulary("segment", ParticipantSegment.self) }
        body.patch("job_category", &draft.jobCategory) { $0.vocabulary("job_category", JobCategory.self) }
        body.patch("event", &draft.eventCode) { $0.code("event") }
        body.patch("fee_yen", &draft.fee) { $0.yen("fee_yen") }
        if let ended = draft.endedOn, ended < draft.startedOn { body.fail("ended_on", "終了日が開始日（\(draft.startedOn)）より前です") }
    }

    /// Names never leave the consortium: only its own secretariat and viewers see them.
    static func showsNames(_ caller: UserAccount) -> Bool {
        caller.role == .secretariat || caller.role == .viewer
    }

    /// A placement as this caller may see it (with or without the person's name).
    static func placementJSON(_ context: APIContext) throws -> (PlacementRecord) -> PlacementJSON {
        let names = showsNames(try context.requireCaller())
        return { PlacementJSON($0, hiding: names ? [] : ["personName"]) }
    }

    // MARK: Consultations

    @Sendable func listConsultations(_ request: Request, context: APIContext) async throws -> Response {
        let code = try context.code("code")
        var query = QueryReader(request)
        let filter = OutcomeRepository.Filter(fiscalYear: query.fiscalYear(), firmCode: query.code("firm"))
        let channel = query.vocabulary("channel", ConsultationChannel.self)
        let page = try query.finishPage()
        return try await database.list(context, ConsultationJSON.init) {
            try OutcomeRepository().consultations(consortiumCode: code, filter, channel: channel, page: page, on: $0)
        }
    }

    @Sendable func showConsultation(_ request: Request, context: APIContext) async throws -> Response {
        let (code, id) = (try context.code("code"), try context.id("id"))
        return try await database.show(context, ConsultationJSON.init) { try OutcomeRepository().consultation(consortiumCode: code, id: id, on: $0) }
    }

    @Sendable func createConsultation(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.writeConsortiumData, "相談の登録")
        let code = try context.code("code")
        return try await database.create(request, context, as: caller, checking: Self.readNewConsultation, ConsultationJSON.init,
                                         location: { "/api/v1/consortia/\(code)/consultations/\($0.id)" }) {
            try OutcomeRepository().saveConsultation(consortiumCode: code, $0, on: $1)
        }
    }

    @Sendable func updateConsultation(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.writeConsortiumData, "相談の変更")
        let (code, id) = (try context.code("code"), try context.id("id"))
        return try await database.update(request, context, as: caller, ifMatch: .optional, ConsultationJSON.init) { received, expected, connection in
            try OutcomeRepository().updateConsultation(consortiumCode: code, id: id, expectedVersion: expected, on: connection) {
                try Self.changeConsultation($0.draft, by: received)
            }
        }
    }

    /// A consultation changed by a JSON body (PATCH semantics); throws 422 with every problem.
    /// The outcomes page changes a consultation through this too.
    static func changeConsultation(_ current: ConsultationDraft, by received: JSONBody) throws -> ConsultationDraft {
        var body = received
        var draft = current
        readConsultation(&body, into: &draft)
        try body.finish()
        return draft
    }

    /// A new consultation's fields, checked; the outcomes page reads its form through this too.
    static func readNewConsultation(_ body: inout JSONBody) throws -> ConsultationDraft {
        let firm = body.code("firm", required: true)
        let consulted = body.date("consulted_on", required: true)
        let channel = body.vocabulary("channel", ConsultationChannel.self, required: true)
        var draft = ConsultationDraft(firmCode: firm ?? "", consultedOn: consulted ?? LocalDate(year: 2000, month: 1, day: 1)!,
                                      channel: channel ?? .other)
        Self.readConsultation(&body, into: &draft)
        try body.finish()
        return draft
    }

    static func readConsultation(_ body: inout JSONBody, into draft: inout ConsultationDraft) {
        body.patch("job_category", &draft.jobCategory) { $0.vocabulary("job_category", JobCategory.self) }
        body.patch("employment_type", &draft.employmentType) { $0.vocabulary("employment_type", EmploymentType.self) }
        body.patch("referred_to", &draft.referredToCode) { $0.code("referred_to") }
        body.patch("referred_on", &draft.referredOn) { $0.date("referred_on") }
        body.patch("placement_person_ref", &draft.placementPersonRef) { $0.string("placement_person_ref", maxLength: 100) }
        body.patch("referred_by", &draft.referredByCode) { $0.code("referred_by") }
        if let referred = draft.referredOn {
            if referred < draft.consultedOn { body.fail("referred_on", "とりつなぎ日が相談日（\(draft.consultedOn)）より前です") }
            if draft.referredToCode == nil { body.fail("referred_to", "とりつなぎ日があるときは、とりつなぎ先が必要です") }
        }
    }

    // MARK: Report

    /// The consortium's fiscal year as `jinjibu report consortium CODE --format json` prints it.
    @Sendable func report(_ request: Request, context: APIContext) async throws -> Response {
        try await database.consortiumYearReport(request, context) { connection, code, year, asOf in
            try ConsortiumOverviewRepository(connection: connection).overview(of: code, fiscalYear: year, asOf: asOf)
        }
    }
}
