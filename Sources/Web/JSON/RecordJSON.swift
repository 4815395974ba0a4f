/// A stored record the API shows through the record's own (synthesized) `Encodable`: its
/// property names are the keys, snake_cased like every key, but for the few the API names
/// otherwise, leaves out or derives, which the record's `APIRecord` conformance lists once
/// here in Web, as `row.reading(table).decode(_:renaming:)` lists the columns named otherwise.
/// The handlers answer `RecordJSON`, so storage types stay out of the HTTP signatures.
/// Both lists name the record's coding keys: its property names unless it declares others.
protocol APIRecord: Encodable, Sendable {
    /// Coding key → the API's key (as documented, snake_case) where the two differ; a row
    /// version is always `version`.
    static var apiNames: [String: String] { get }
    /// Keys the API does not show, or shows only as `encodeDerived` writes them.
    static var apiHidden: Set<String> { get }
    /// Keys the API derives from the record's values (a prefecture's code and bureau).
    func encodeDerived(to container: inout KeyedEncodingContainer<APIKey>) throws
}

extension APIRecord {
    static var apiNames: [String: String] { [:] }
    static var apiHidden: Set<String> { [] }
    func encodeDerived(to container: inout KeyedEncodingContainer<APIKey>) throws {}
}

/// A record as the API shows it; `hiding` leaves out what this caller may not read (a
/// person's name outside the consortium).
struct RecordJSON<Record: APIRecord>: Encodable {
    let record: Record
    var hiding: Set<String> = []

    init(_ record: Record) {
        self.record = record
    }

    init(_ record: Record, hiding: Set<String>) {
        self.record = record
        self.hiding = hiding
    }

    func encode(to encoder: any Encoder) throws {
        try record.encode(to: RenamingEncoder(base: encoder, names: Record.apiNames, hidden: Record.apiHidden, hiding: hiding))
        var container = encoder.container(keyedBy: APIKey.self)
        try record.encodeDerived(to: &container)
    }
}

/// A key of the API's documents, snake_cased by the encoder like any other.
struct APIKey: CodingKey, ExpressibleByStringLiteral {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init(stringValue: String) { self.stringValue = stringValue }
    init(stringLiteral value: String) { stringValue = value }
    init?(intValue: Int) { nil }
}

/// Hands the record's keyed container over to the real encoder with every key renamed or
/// left out; everything below the record's own keys is encoded as it is.
private struct RenamingEncoder: Encoder {
    let base: any Encoder
    let names: [String: String]
    let hidden: Set<String>
    let hiding: Set<String>

    var codingPath: [any CodingKey] { base.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { base.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(RenamingContainer<Key>(base: base.container(keyedBy: APIKey.self), names: names, hidden: hidden, hiding: hiding))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { base.unkeyedContainer() }
    func singleValueContainer() -> any SingleValueEncodingContainer { base.singleValueContainer() }
}

private struct RenamingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    var base: KeyedEncodingContainer<APIKey>
    let names: [String: String]
    let hidden: Set<String>
    let hiding: Set<String>

    var codingPath: [any CodingKey] { base.codingPath }

    /// nil for a key the API leaves out.
    private func apiKey(_ key: Key) -> APIKey? {
        let name = key.stringValue
        if hidden.contains(name) || hiding.contains(name) { return nil }
        return APIKey(names[name] ?? (name == "rowVersion" ? "version" : name))
    }

    mutating func encodeNil(forKey key: Key) throws {
        if let key = apiKey(key) { try base.encodeNil(forKey: key) }
    }

    // The witness of every primitive `encode` requirement too, as in `APIJSONEncoder`.
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        if let key = apiKey(key) { try base.encode(value, forKey: key) }
    }

    // What goes into a left-out key's nested container is written to a throwaway encoder.
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        guard let key = apiKey(key) else { return APIJSONEncoder.discarding.container(keyedBy: keyType) }
        return base.nestedContainer(keyedBy: keyType, forKey: key)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        guard let key = apiKey(key) else { return APIJSONEncoder.discarding.unkeyedContainer() }
        return base.nestedUnkeyedContainer(forKey: key)
    }

    mutating func superEncoder() -> any Encoder { base.superEncoder() }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        guard let key = apiKey(key) else { return APIJSONEncoder.discarding }
        return base.superEncoder(forKey: key)
    }
}
