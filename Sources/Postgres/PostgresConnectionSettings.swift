/// How to reach a server: a `postgresql://` URL, libpq key/value settings, or both (settings
/// override the URL). Everything goes to libpq through `PQconnectdbParams`, so service files,
/// `.pgpass`, SSL modes and Unix sockets work as in `psql`.
public struct PostgresConnectionSettings: Sendable, Hashable {
    public var url: String?
    public var parameters: [String: String]
    /// Whether statements with parameters are prepared once per connection (server-side
    /// prepared statements). Off for poolers that cannot carry them across transactions
    /// (pgbouncer in transaction mode before 1.21, or without `max_prepared_statements`).
    public var preparesStatements: Bool

    public init(url: String? = nil, parameters: [String: String] = [:], preparesStatements: Bool = true) {
        self.url = url
        self.parameters = parameters
        self.preparesStatements = preparesStatements
    }

    /// The same settings pointed at another database.
    public func database(_ name: String) -> PostgresConnectionSettings {
        var copy = self
        copy.parameters["dbname"] = name
        return copy
    }

    /// Keyword/value pairs for `PQconnectdbParams`. The URL goes first as `dbname` with
    /// `expand_dbname` set, so later keywords override what it says.
    var keywordValues: [(String, String)] {
        var pairs: [(String, String)] = []
        if let url { pairs.append(("dbname", url)) }
        for key in parameters.keys.sorted() where !(key == "dbname" && url != nil) {
            pairs.append((key, parameters[key]!))
        }
        if url != nil, let database = parameters["dbname"] {
            pairs.append(("dbname", database))
        }
        if parameters["fallback_application_name"] == nil {
            pairs.append(("fallback_application_name", "jinjibu"))
        }
        return pairs
    }

    /// A description safe for logs: host and database only, never passwords.
    public var redactedDescription: String {
        let host = parameters["host"] ?? "(from URL or environment)"
        let database = parameters["dbname"] ?? "(default)"
        return "host=\(host) dbname=\(database)"
    }
}
