import Hummingbird
import Store

/// A page whose form posts back to its own address: GET shows it, POST saves the form (and,
/// when the save is refused, shows the page again as typed). The address is named once.
protocol FormPage: Sendable {
    /// The page's address (with its path keys), which its form posts to as well.
    static var path: String { get }
    func show(_ request: Request, context: APIContext) async throws -> Response
    func save(_ request: Request, context: APIContext) async throws -> Response
}

extension FormPage {
    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get(RouterPath(Self.path), use: show)
        group.post(RouterPath(Self.path), use: save)
    }
}

/// A form page of one record that its path names by `:code` and `:id` (an expense line, a
/// membership, a placement, a consultation): shown as stored, with the notice after a save, or
/// again as typed when a save is refused.
protocol RecordFormPage: FormPage {
    /// The page of record `id` under `code`, as `caller` may see it, with its form as `state` says.
    func page(caller: UserAccount, code: String, id: Int64, context: APIContext, _ state: FormState) async throws -> Response
}

extension RecordFormPage {
    func show(_ request: Request, context: APIContext) async throws -> Response {
        try await page(context: context, .shown(request))
    }

    /// The page of the record the path names, for the caller.
    func page(context: APIContext, _ state: FormState) async throws -> Response {
        try await page(caller: try context.requireCaller(), code: try context.code("code"), id: try context.id("id"),
                       context: context, state)
    }
}
