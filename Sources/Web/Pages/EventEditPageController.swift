import Domain
import Hummingbird
import Store

/// One event: change what was recorded (kind, title, dates, venue, firms, counts by segment)
/// with the version it was read at. The form is the events page's, read the same way
/// (`EventsPageController.eventBody`), and the change is the API's (`ActivityController.changeEvent`).
struct EventEditPageController: PageController, FormPage {
    let database: TenantDatabase
    let renderer: PageRenderer

    static let path = "consortia/:code/events/:event"

    @Sendable func show(_ request: Request, context: APIContext) async throws -> Response {
        try await page(context: context, .shown(request))
    }

    private func page(context: APIContext, _ state: FormState) async throws -> Response {
        let caller = try context.requireCaller()
        let (code, eventCode) = (try context.code("code"), try context.code("event"))
        let event = try await database.run(as: caller) { try EventRepository().find(consortiumCode: code, code: eventCode, on: $0) }
        let form = state.typed ?? Self.fields(event)
        var values: [String: Any] = [
            "code": code, "event": event.code, "title": event.title, "year": FiscalYear(containing: event.startsOn).startYear,
            "canWrite": Access.writeConsortiumData.contains(caller.role),
        ]
        values.merge(EventsPageController.fieldValues(form)) { $1 }
        return renderer.page("eventEdit", title: "取組 \(event.title)", values: values, form: form, state, context: context)
    }

    /// The event as the form's fields.
    static func fields(_ event: EventRecord) -> [String: String] {
        var fields = [
            "kind": event.kind.rawValue, "title": event.title, "starts_on": event.startsOn.description,
            "ends_on": event.endsOn?.description ?? "", "venue": event.venue ?? "", "online": event.online ? "1" : "",
            "firms": event.firms.joined(separator: "; "), "row_version": String(event.rowVersion),
        ]
        for (segment, count) in event.participants where count > 0 { fields["participants_\(segment.rawValue)"] = String(count) }
        return fields
    }

    @Sendable func save(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.writeConsortiumData, "取組の変更")
        let form = try await FormBody.verified(request, context: context)
        let (code, eventCode) = (try context.code("code"), try context.code("event"))
        let expected = try form.rowVersion()
        // What the form leaves empty is cleared, as null and empty lists do in the API.
        var object = EventsPageController.eventBody(form).object.filter { $0.key != "code" && $0.key != "row_version" }
        for field in ["ends_on", "venue"] where object[field] == nil { object[field] = .null }
        if object["firms"] == nil { object["firms"] = .array([]) }
        if object["participants"] == nil { object["participants"] = .object([:]) }
        let body = JSONBody(object: object)
        return try await form.saved(context: context) {
            _ = try await database.run(as: caller) { connection in
                try EventRepository().update(consortiumCode: code, code: eventCode, expectedVersion: expected, on: connection) { current in
                    try ActivityController.changeEvent(current.draft, by: body)
                }
            }
            return "/consortia/\(code)/events/\(eventCode)?done=1"
        } refused: {
            try await page(context: context, $0)
        }
    }
}
