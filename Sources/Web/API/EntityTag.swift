import Hummingbird

/// Row versions as entity tags: `ETag: "7"` on reads, `If-Match: "7"` on writes.
enum EntityTag {
    static func format(_ version: Int) -> String { "\"\(version)\"" }

    /// The version the client read, from If-Match. Missing If-Match is 428 (a write to these
    /// resources must say which version it changes); `*` and a list of tags are accepted as
    /// RFC 9110 allows (nil means "any").
    static func expectedVersion(_ request: Request) throws -> Int? {
        guard let header = request.headers[.ifMatch] else {
            throw Problem(status: .preconditionRequired, type: "precondition-required",
                          title: "If-Match ヘッダーで、読み込んだときの版（ETag）を指定してください")
        }
        let tags = header.split(separator: ",").map { $0.trimmingBlanks() }
        if tags.contains("*") { return nil }
        for tag in tags {
            var text = Substring(tag)
            if text.hasPrefix("W/") { text = text.dropFirst(2) }
            if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { text = text.dropFirst().dropLast() }
            if let version = Int(text), version > 0 { return version }
        }
        // A tag that is not one of ours matches no version: the store answers 412 when the
        // record exists (and 404 when it does not).
        return 0
    }
}
