import Hummingbird

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
