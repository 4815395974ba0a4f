import Domain
import Hummingbird
import Store

/// A consortium's placements (with whether each full-time hire stayed 12 months) and
/// consultations with their referrals, for a fiscal year. Read through the API's repository
/// in the caller's scope; names appear only to the consortium's own people, as in the API.
struct OutcomesPageController: PageController {
    let database: TenantDatabase
    let renderer: PageRenderer

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("consortia/:code/outcomes", use: show)
        group.post("consortia/:code/outcomes/placements", use: createPlacement)
        group.post("consortia/:code/outcomes/consultations", use: createConsultation)
    }

    /// What was typed into one of the two entry forms, and the messages for its fields.
    struct Entry {
        var typed: [String: String] = [:]
        var errors: [String: String] = [:]
        var values: [String: Any] { ["form": typed, "errors": errors, "hasErrors": !errors.isEmpty] }
    }

    @Sendable func show(_ request: Request, context: APIContext) async throws -> Response {
        var query = QueryReader(form: request)
        let chosen = query.fiscalYear("year")
        try query.finish()
        let year = try await Self.defaultYear(chosen, context: context, database: database)
        return try await page(context: context, year: year, placement: Entry(), consultation: Entry(), status: .ok)
    }

    private func page(
        context: APIContext, year: FiscalYear, placement: Entry, consultation: Entry, status: HTTPResponse.Status
    ) async throws -> Response {
        let caller = try context.requireCaller()
        let code = try context.code("code")
        let (consortium, placements, consultations, organizations, events) = try await database.run(as: caller) { connection in
            let consortium = try ConsortiumRepository().find(code: code, on: connection)
            let repository = OutcomeRepository()
            let placements = try Page.all {
                try repository.placements(consortiumCode: code, .init(fiscalYear: year), employmentType: nil, page: $0, on: connection)
            }
            let consultations = try Page.all {
                try repository.consultations(consortiumCode: code, .init(fiscalYear: year), channel: nil, page: $0, on: connection)
            }
            // Firms and events by name, as people know them; a code stays only where no name is
            // visible (an organisation outside the consortium's scope).
            let organizations = try Page.all { try OrganizationRepository().list(.init(consortiumCode: code), page: $0, on: connection) }
            let events = try Page.all { try EventRepository().list(consortiumCode: code, .init(), page: $0, on: connection) }
            return (consortium, placements, consultations,
                    Dictionary(organizations.map { ($0.code, $0.name) }, uniquingKeysWith: { _, last in last }),
                    Dictionary(events.map { ($0.code, $0.title) }, uniquingKeysWith: { _, last in last }))
        }
        let names = ActivityController.showsNames(caller)
        let today = LocalDate.today()
        let values: [String: Any] = [
            "code": code, "name": consortium.name, "year": year.japaneseName,
            "years": PageFormat.yearOptions(selected: year),
            "placements": placements.sorted { ($0.startedOn, $0.id) < ($1.startedOn, $1.id) }.map { placement -> [String: Any] in
                [
                    "id": String(placement.id), "fee": placement.fee.map { PageFormat.yen($0) } ?? "",
                    "firm": organizations[placement.firmCode] ?? placement.firmCode, "person": placement.personRef + ((names ? placement.personName : nil).map { "（\($0)）" } ?? ""),
                    "type": placement.employmentType.japaneseName, "startedOn": PageFormat.dateWithISO(placement.startedOn),
                    "endedOn": placement.endedOn.map(PageFormat.dateWithISO) ?? false,
                    "segment": placement.segment?.japaneseName ?? "", "job": placement.jobCategory?.japaneseName ?? "",
                    "event": placement.eventCode.map { events[$0] ?? $0 } ?? "", "retention": Self.retention(placement, asOf: today),
                ]
            },
            "placementCount": placements.count,
            "consultations": consultations.sorted { ($0.consultedOn, $0.id) < ($1.consultedOn, $1.id) }.map { consultation -> [String: Any] in
                [
                    "id": String(consultation.id), "referredBy": consultation.referredByCode.map { organizations[$0] ?? $0 } ?? "",
                    "firm": organizations[consultation.firmCode] ?? consultation.firmCode, "on": PageFormat.dateWithISO(consultation.consultedOn),
                    "channel": consultation.channel.japaneseName, "job": consultation.jobCategory?.japaneseName ?? "",
                    "referredTo": consultation.referredToCode.map { organizations[$0] ?? $0 } ?? "", "referredOn": consultation.referredOn.map(PageFormat.date) ?? "",
                    "placement": consultation.placementPersonRef ?? "",
                ]
            },
            "consultationCount": consultations.count,
            "referralCount": consultations.filter { $0.referredToCode != nil }.count,
            "canWrite": Access.writeConsortiumData.contains(caller.role),
            "placement": placement.values, "consultation": consultation.values,
            "employmentTypes": PageFormat.options(EmploymentType.allCases, selected: placement.typed["employment_type"]),
            "channels": PageFormat.options(ConsultationChannel.allCases, selected: consultation.typed["channel"]),
        ]
        return renderer.page("outcomes", title: "成約・相談 \(consortium.name) \(year.japaneseName)", values: values, context: context,
                             status: status)
    }

    @Sendable func createPlacement(_ request: Request, context: APIContext) async throws -> Response {
        try await create(request, context: context, what: "成約・採用の登録", date: "started_on") { body, code, caller in
            let draft = try ActivityController.readNewPlacement(&body)
            _ = try await database.run(as: caller) {
                try OutcomeRepository().savePlacement(consortiumCode: code, draft, on: $0)
            }
        } failed: { entry in (entry, Entry()) }
    }

    @Sendable func createConsultation(_ request: Request, context: APIContext) async throws -> Response {
        try await create(request, context: context, what: "相談の登録", date: "consulted_on") { body, code, caller in
            let draft = try ActivityController.readNewConsultation(&body)
            _ = try await database.run(as: caller) {
                try OutcomeRepository().saveConsultation(consortiumCode: code, draft, on: $0)
            }
        } failed: { entry in (Entry(), entry) }
    }

    /// The steps both entry forms share: the form token, the role, the API's reading and
    /// saving, and on a validation failure the page again with the form as typed.
    private func create(
        _ request: Request, context: APIContext, what: String, date: String,
        save: (inout JSONBody, String, UserAccount) async throws -> Void, failed: (Entry) -> (Entry, Entry)
    ) async throws -> Response {
        let caller = try context.requireCaller(may: Access.writeConsortiumData, what)
        let form = try await FormBody.verified(request, context: context)
        let code = try context.code("code")
        let year = (form.trimmed(date).flatMap { LocalDate($0) ?? (try? JapaneseCalendar.parseDate($0)) }).map { FiscalYear(containing: $0) }
            ?? PageFormat.currentFiscalYear()
        do {
            var body = form.jsonBody(amountFields: ["fee_yen"])
            try await save(&body, code, caller)
            return PageRenderer.redirect(to: "/consortia/\(code)/outcomes?year=\(year.startYear)")
        } catch {
            let errors = try formErrors(error, context: context)
            let (placement, consultation) = failed(Entry(typed: form.typed, errors: errors))
            return try await page(context: context, year: year, placement: placement, consultation: consultation, status: .unprocessableContent)
        }
    }

    /// The 12-month rule of DOMAIN.md for one full-time hire, in words.
    static func retention(_ placement: PlacementRecord, asOf: LocalDate) -> String {
        guard placement.employmentType == .fullTime else { return "" }
        let result = RetentionCalculator.twelveMonth(
            [.init(employmentType: placement.employmentType, startedOn: placement.startedOn, endedOn: placement.endedOn)], asOf: asOf)
        if result.matured == 0 { return "12か月未経過" }
        return result.retained == 1 ? "定着" : "離職"
    }

    /// The year the address names, else the dashboard's: the latest with an adopted project,
    /// so that the page opens where the work is rather than on an empty new year.
    static func defaultYear(_ chosen: FiscalYear?, context: APIContext, database: TenantDatabase) async throws -> FiscalYear {
        if let chosen { return chosen }
        let caller = try context.requireCaller()
        let code = try context.code("code")
        return try await database.run(as: caller) { try DashboardPageController.latestYear(consortium: code, on: $0) }
    }
}
