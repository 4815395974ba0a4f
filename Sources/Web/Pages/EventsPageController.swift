import Domain
import Hummingbird
import Store

/// A consortium's events of a fiscal year month by month, and the form for a new one with
/// its participating firms and the people who came by segment. The new event is read by
/// `ActivityController.readNewEvent` and saved as POST /api/v1/consortia/{code}/events does.
struct EventsPageController: PageController, FormPage {
    let database: TenantDatabase
    let renderer: PageRenderer

    static let path = "consortia/:code/events"

    @Sendable func show(_ request: Request, context: APIContext) async throws -> Response {
        var query = QueryReader(form: request)
        let chosen = query.fiscalYear("year")
        try query.finish()
        let year = try await Self.defaultYear(chosen, context: context, database: database)
        return try await page(context: context, year: year, FormState())
    }

    private func page(context: APIContext, year: FiscalYear, _ state: FormState) async throws -> Response {
        let caller = try context.requireCaller()
        let code = try context.code("code")
        let (consortium, events) = try await database.run(as: caller) { connection in
            (try ConsortiumRepository().find(code: code, on: connection),
             try Page.all { try EventRepository().list(consortiumCode: code, .init(fiscalYear: year), page: $0, on: connection) })
        }
        let typed = state.typed ?? [:]
        // A calendar-like list: one block per month of the fiscal year, April first.
        let months = (0..<12).map { offset -> [String: Any] in
            let month = (3 + offset) % 12 + 1
            let calendarYear = year.startYear + (month < 4 ? 1 : 0)
            let inMonth = events.filter { $0.startsOn.year == calendarYear && $0.startsOn.month == month }
                .sorted { ($0.startsOn, $0.code) < ($1.startsOn, $1.code) }
            let first = LocalDate(year: calendarYear, month: month, day: 1)!
            let label = JapaneseCalendar.format(first).replacingOccurrences(of: "1日", with: "")
            return ["label": label, "events": inMonth.map(Self.row), "count": inMonth.count, "empty": inMonth.isEmpty]
        }
        var values: [String: Any] = [
            "code": code, "name": consortium.name, "year": year.japaneseName, "yearValue": String(year.startYear),
            "years": PageFormat.yearOptions(selected: year),
            "months": months, "total": events.count,
            "participants": events.reduce(0) { $0 + $1.participants.values.reduce(0, +) },
            "canWrite": Access.writeConsortiumData.contains(caller.role),
        ]
        values.merge(Self.fieldValues(typed)) { $1 }
        return renderer.page("events", title: "取組 \(consortium.name) \(year.japaneseName)", values: values, form: typed, state, context: context)
    }

    static func row(_ event: EventRecord) -> [String: Any] {
        [
            "code": event.code, "kind": event.kind.japaneseName, "title": event.title,
            "path": "/consortia/\(event.consortiumCode)/events/\(event.code)",
            "startsOn": PageFormat.dateWithISO(event.startsOn), "endsOn": event.endsOn.map(PageFormat.dateWithISO) ?? false,
            "place": event.online ? "オンライン" + (event.venue.map { "・\($0)" } ?? "") : (event.venue ?? ""),
            "firms": event.firms.count, "participants": event.participants.values.reduce(0, +),
            "segments": ParticipantSegment.allCases.compactMap { segment in
                event.participants[segment].flatMap { $0 > 0 ? "\(segment.japaneseName) \($0)" : nil }
            }.joined(separator: "、"),
        ]
    }

    @Sendable func save(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.writeConsortiumData, "取組の登録")
        let form = try await FormBody.verified(request, context: context)
        let code = try context.code("code")
        return try await form.saved(context: context) {
            var body = Self.eventBody(form)
            let draft = try ActivityController.readNewEvent(&body)
            _ = try await database.run(as: caller) { try EventRepository().create(consortiumCode: code, draft, on: $0) }
            return "/consortia/\(code)/events?year=\(FiscalYear(containing: draft.startsOn).startYear)"
        } refused: {
            // The year of the date as typed, in either form, so the form comes back where it was.
            let typedDate = form.trimmed("starts_on").flatMap { LocalDate($0) ?? (try? JapaneseCalendar.parseDate($0)) }
            let year = typedDate.map { FiscalYear(containing: $0) } ?? PageFormat.currentFiscalYear()
            return try await page(context: context, year: year, $0)
        }
    }

    /// What the `eventFields` partial of the new and the edit form shows besides the fields as
    /// typed: the kinds to choose from, the online box, and a count field for each segment, as
    /// `eventBody` reads them.
    static func fieldValues(_ form: [String: String]) -> [String: Any] {
        [
            "kinds": PageFormat.options(EventKind.allCases, selected: form["kind"]), "online": form["online"] == "1",
            "segments": ParticipantSegment.allCases.map {
                ["name": "participants_\($0.rawValue)", "label": $0.japaneseName, "value": form["participants_\($0.rawValue)"] ?? ""]
            },
        ]
    }

    /// The form as the API's JSON: firms as a list (codes separated by `;`, `、` or spaces),
    /// the counts per segment as one `participants` object, the checkbox as a boolean.
    static func eventBody(_ form: FormBody) -> JSONBody {
        var object = form.jsonBody().object.filter { !$0.key.hasPrefix("participants_") && $0.key != "firms" && $0.key != "online" }
        if let firms = form.trimmed("firms") {
            let codes = firms.split(whereSeparator: { ";、, \n".contains($0) }).map { JSONValue.string(String($0)) }
            object["firms"] = .array(codes)
        }
        var counts: [String: JSONValue] = [:]
        for segment in ParticipantSegment.allCases {
            guard let text = form.trimmed("participants_\(segment.rawValue)") else { continue }
            counts[segment.rawValue] = FormBody.number(text)
        }
        if !counts.isEmpty { object["participants"] = .object(counts) }
        object["online"] = .bool(form["online"] == "1")
        return JSONBody(object: object)
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
