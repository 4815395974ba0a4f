import Hummingbird

/// A handler of the JSON API.
typealias APIHandler = @Sendable (Request, APIContext) async throws -> Response

extension RouterGroup where Context == APIContext {
    /// A collection and its members, declared once: GET lists and POST creates on the
    /// collection; GET shows, PATCH changes and DELETE removes a member, named by `key` in the
    /// path. An operation left out is not routed.
    func resource(
        _ collection: String, member key: String = ":id", list: APIHandler? = nil, create: APIHandler? = nil,
        show: APIHandler? = nil, update: APIHandler? = nil, delete: APIHandler? = nil
    ) {
        let member = RouterPath("\(collection)/\(key)")
        if let list { get(RouterPath(collection), use: list) }
        if let create { post(RouterPath(collection), use: create) }
        if let show { get(member, use: show) }
        if let update { patch(member, use: update) }
        if let delete { self.delete(member, use: delete) }
    }
}
