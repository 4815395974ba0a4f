import Domain
import Hummingbird
import NIOCore
import Store

/// The request context of the service: who is calling (set by `AuthMiddleware`) and from
/// which address (for login throttling only; never logged).
public struct APIContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in user, nil before authentication.
    public var caller: UserAccount?
    /// How the caller signed in, which says whether a logout has a session to end.
    public var credential: Credential?
    /// A bearer token that the route's own database call checks (`AuthMiddleware.tokens`).
    var deferredToken: DeferredToken?
    public let clientAddress: String?

    public enum Credential: Sendable {
        case session(String)
        case token
    }

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Large enough for the CSV uploads; JSON bodies are far smaller and read with their own limit.
    public var maxUploadSize: Int { 64 * 1024 * 1024 }

    /// A code from the path (organisation, consortium, project, event). Anything that cannot
    /// be a code names nothing: 404, before it reaches the database.
    func code(_ name: String) throws -> String {
        guard let value = parameters.get(name), RecordCode.isValid(value) else { throw Problem.notFound() }
        return value
    }

    /// A record's id from the path (a membership, an expense line, an event's outcome): a
    /// positive integer, else it names nothing (404).
    func id(_ name: String) throws -> Int64 {
        guard let id = parameters.get(name).flatMap(Int64.init), id > 0 else { throw Problem.notFound() }
        return id
    }

    /// The authenticated caller; routes behind `AuthMiddleware` always have one.
    func requireCaller() throws -> UserAccount {
        guard let caller else { throw Problem.unauthenticated }
        return caller
    }
}
