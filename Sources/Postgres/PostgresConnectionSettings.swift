import CLibPQ
import Foundation

/// How to reach a server: a `postgresql://` URL, libpq key/value settings, or both (settings
/// override the URL). Everything goes to libpq through `PQconnectdbParams`, so service files,
/// `.pgpass`, SSL modes and Unix sockets work as in `psql`.
///
/// Sessions run with PostgreSQL's JIT compilation off unless the operator says otherwise
/// (an `options` setting in the URL or the parameters, or `PGOPTIONS`) or names a service
/// file entry (`service`, `PGSERVICE`), whose own `options` an explicit setting would override: the export's and the
/// reports' set-wise reads cost just past `jit_above_cost`, and compiling them took longer than
/// running them (2.3 s of a 4.6 s read of 50,000 events in bench/export, measured with EXPLAIN
/// ANALYZE); no statement of the service runs long enough to win the compilation back.
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
        let environment = ProcessInfo.processInfo.environment
        if parameters["options"] == nil, parameters["service"] == nil, environment["PGOPTIONS"] == nil, environment["PGSERVICE"] == nil,
           !Self.url(url, names: "options"), !Self.url(url, names: "service") {
            pairs.append(("options", "-c jit=off"))
        }
        if parameters["fallback_application_name"] == nil {
            pairs.append(("fallback_application_name", "jinjibu"))
        }
        return pairs
    }

    /// Whether the URL (or key/value string) in the `url` slot gives libpq's `keyword` itself:
    /// parsed by libpq, so every spelling it accepts counts. An unparsable URL says no here and
    /// fails at connect time with libpq's own message.
    static func url(_ url: String?, names keyword: String) -> Bool {
        guard let url, let parsed = PQconninfoParse(url, nil) else { return false }
        defer { PQconninfoFree(parsed) }
        var option = parsed
        let wanted = keyword
        while let keyword = option.pointee.keyword {
            if String(cString: keyword) == wanted { return option.pointee.val != nil }
            option += 1
        }
        return false
    }

    /// A description safe for logs: host and database only, never passwords.
    public var redactedDescription: String {
        let host = parameters["host"] ?? "(from URL or environment)"
        let database = parameters["dbname"] ?? "(default)"
        return "host=\(host) dbname=\(database)"
    }
}
