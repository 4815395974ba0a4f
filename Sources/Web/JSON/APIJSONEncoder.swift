import Foundation
import Reports

/// Encodes API representations to exactly the bytes Foundation's `JSONEncoder` gives with
/// snake_case keys, ISO 8601 instants, sorted keys and unescaped slashes, at a fraction of its
/// cost: the load profile of the project list had more than half of the service's time in
/// `JSONEncoder` (coding paths built for every key, Unicode-aware key conversion, boxes).
///
/// It covers what the API's types use: strings, integers, booleans, nulls, dates, arrays and
/// objects. Anything else (floating point, `Data`, super encoders) makes `encode` return nil,
/// and `APIJSON` falls back to `JSONEncoder`. Debug builds encode every response both ways
/// and stop when they differ, so the whole API test suite checks the two agree.
///
/// What it costs per value matters (issue #18: the stored-claim read spent a quarter of the
/// service's CPU here): a value's type is told by comparing metadata, not by dynamic casts;
/// a key of a synthesized `CodingKeys` enum is converted once per case and found again by its
/// type and case, without hashing its text; numbers and instants are written as bytes
/// straight into the output.
enum APIJSONEncoder {
    static func encode<Value: Encodable>(_ value: Value) -> [UInt8]? {
        if let writable = value as? any JSONWritable {
            var writer = JSONWriter()
            writable.write(to: &writer)
            return writer.isComplete ? writer.bytes : nil
        }
        let encoder = TreeEncoder(state: EncodingState(), encoding: Value.self)
        do {
            let node = try encoder.box(value)
            guard !encoder.state.unsupported else { return nil }
            var output: [UInt8] = []
            output.reserveCapacity(2048)
            node.write(to: &output)
            return output
        } catch {
            return nil
        }
    }

    /// An encoder whose output goes nowhere, for what a document leaves out.
    static var discarding: any Encoder { TreeEncoder(state: EncodingState(), encoding: Never.self) }

    /// The API's name of a key given by its text: as it is for a `VerbatimKey`, else snake_cased.
    static func key(_ key: some CodingKey) -> String {
        if type(of: key) == VerbatimKey.self { return key.stringValue }
        return KeyCache.shared.converted(key.stringValue)
    }
}

/// A key as written, with its first eight bytes as a number: comparing those orders most
/// keys of an object without reading their text.
private struct KeyName {
    let text: String
    /// The first eight UTF-8 bytes, big-endian, zeros after the end: of two keys, the one
    /// with the smaller prefix comes first; equal prefixes need the whole text compared.
    let prefix: UInt64

    init(_ text: String) {
        self.text = text
        var prefix: UInt64 = 0
        var count = 0
        for byte in text.utf8.prefix(8) {
            prefix = prefix << 8 | UInt64(byte)
            count += 1
        }
        self.prefix = count == 0 ? 0 : prefix << (8 * (8 - count))
    }
}

// MARK: - Keys

/// The converted names of one key type's cases, by case: an immutable snapshot, so that it is
/// read without a lock; a case met for the first time gives a new snapshot.
private final class CaseNames: Sendable {
    static let empty = CaseNames(Array(repeating: nil, count: 256))
    let names: [KeyName?]
    init(_ names: [KeyName?]) { self.names = names }
}

/// Key conversions seen so far; the API's keys are a small fixed set.
private final class KeyCache: @unchecked Sendable {
    static let shared = KeyCache()
    private let lock = NSLock()
    private var byText: [String: String] = [:]
    private var byType: [ObjectIdentifier: CaseNames] = [:]

    func converted(_ key: String) -> String {
        // Most keys have no capital, and such a key is its own snake_case form.
        if key.utf8.allSatisfy({ $0 < 0x80 && !(0x41...0x5A).contains($0) }) { return key }
        if let hit = lock.withLock({ byText[key] }) { return hit }
        let value = SnakeCaseKey.convert(key)
        lock.withLock {
            if byText.count < 10_000 { byText[key] = value }
        }
        return value
    }

    func caseNames(of type: Any.Type) -> CaseNames {
        lock.withLock { byType[ObjectIdentifier(type)] } ?? .empty
    }

    /// The snapshot of `Key`'s names with `key`, the case numbered `tag`, added.
    func adding<Key: CodingKey>(_ key: Key, tag: Int) -> CaseNames {
        let name = converted(key.stringValue)
        return lock.withLock {
            var names = (byType[ObjectIdentifier(Key.self)] ?? .empty).names
            names[tag] = KeyName(name)
            let updated = CaseNames(names)
            if byType.count < 10_000 { byType[ObjectIdentifier(Key.self)] = updated }
            return updated
        }
    }
}

/// How a container finds the API's name of its keys.
private enum KeyNaming {
    /// Stored documents' keys, as they are.
    case verbatim
    /// A key type whose value is at most one byte (the cases of an enum without payloads, as
    /// synthesized `CodingKeys` are): that byte, the case, indexes the converted names. Such a
    /// value holds no reference, so its text can depend on nothing but that byte.
    case byCase(CaseNames)
    /// Any other key: by its text.
    case byText

    init<Key: CodingKey>(_ type: Key.Type, state: EncodingState) {
        if Key.self == VerbatimKey.self {
            self = .verbatim
        } else if MemoryLayout<Key>.size <= 1 && _isPOD(Key.self) {
            self = .byCase(state.caseNames(of: Key.self))
        } else {
            self = .byText
        }
    }

    mutating func name<Key: CodingKey>(_ key: Key, state: EncodingState) -> KeyName {
        switch self {
        case .verbatim:
            return KeyName(key.stringValue)
        case .byText:
            return KeyName(KeyCache.shared.converted(key.stringValue))
        case .byCase(let names):
            let tag = MemoryLayout<Key>.size == 0 ? 0 : withUnsafeBytes(of: key) { Int($0[0]) }
            if let name = names.names[tag] { return name }
            let updated = KeyCache.shared.adding(key, tag: tag)
            state.remember(updated, of: Key.self)
            self = .byCase(updated)
            return updated.names[tag]!
        }
    }
}

// MARK: - The tree

/// A JSON value under construction; objects and arrays are boxes so that nested containers
/// can fill them after they were handed out.
private enum Node {
    case null
    case bool(Bool)
    case integer(Int64)
    case unsigned(UInt64)
    case string(String)
    /// Whole seconds since 1970, written as `.iso8601` gives them.
    case instant(Int64)
    /// An integer of another width than the standard ones, as its description.
    case number(String)
    case array(ArrayBox)
    case object(ObjectBox)

    func write(to output: inout [UInt8]) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .integer(let value):
            if value < 0 { output.append(UInt8(ascii: "-")) }
            Self.writeDigits(value.magnitude, to: &output)
        case .unsigned(let value): Self.writeDigits(value, to: &output)
        case .number(let text): output.append(contentsOf: text.utf8)
        case .string(let text): Self.writeString(text, to: &output)
        case .instant(let seconds): Self.writeInstant(seconds, to: &output)
        case .array(let box):
            output.append(UInt8(ascii: "["))
            for (index, element) in box.elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                element.write(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let box):
            Self.writeObject(box.entries, to: &output)
        }
    }

    /// Sorted by key bytes; of a key set twice, the last value counts, as in JSONEncoder.
    private static func writeObject(_ entries: [ObjectBox.Entry], to output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        withUnsafeTemporaryAllocation(of: (prefix: UInt64, index: Int).self, capacity: entries.count) { buffer in
            var order = buffer
            for (index, entry) in entries.enumerated() { order[index] = (entry.key.prefix, index) }
            func compare(_ left: (prefix: UInt64, index: Int), _ right: (prefix: UInt64, index: Int)) -> Int {
                if left.prefix != right.prefix { return left.prefix < right.prefix ? -1 : 1 }
                return compareBytes(entries[left.index].key.text, entries[right.index].key.text)
            }
            order.sort { left, right in
                let comparison = compare(left, right)
                return comparison == 0 ? left.index < right.index : comparison < 0
            }
            var first = true
            for position in order.indices {
                if position + 1 < order.count && compare(order[position], order[position + 1]) == 0 { continue }
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                let entry = entries[order[position].index]
                writeString(entry.key.text, to: &output)
                output.append(UInt8(ascii: ":"))
                entry.node.write(to: &output)
            }
        }
        output.append(UInt8(ascii: "}"))
    }

    /// `memcmp` order of the two strings' UTF-8 bytes: negative, zero or positive.
    private static func compareBytes(_ left: String, _ right: String) -> Int {
        var (left, right) = (left, right)
        return left.withUTF8 { a in
            right.withUTF8 { b in
                let common = min(a.count, b.count)
                if common > 0, let x = a.baseAddress, let y = b.baseAddress {
                    let result = memcmp(x, y, common)
                    if result != 0 { return Int(result) }
                }
                return a.count - b.count
            }
        }
    }

    fileprivate static func writeDigits(_ value: UInt64, to output: inout [UInt8]) {
        if value < 10 {
            output.append(UInt8(truncatingIfNeeded: value) + UInt8(ascii: "0"))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var rest = value
            var start = 20
            while rest > 0 {
                start -= 1
                digits[start] = UInt8(truncatingIfNeeded: rest % 10) + UInt8(ascii: "0")
                rest /= 10
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// Digits of a value known to lie in 0..<10^count, with leading zeros.
    private static func writePadded(_ value: Int, count: Int, to output: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<count { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            output.append(UInt8(truncatingIfNeeded: rest / divisor) + UInt8(ascii: "0"))
            rest %= divisor
            divisor /= 10
        }
    }

    /// The whole seconds of an instant this encoder writes as `.iso8601` would. Before
    /// 1582-10-15 Foundation's calendar is Julian, gmtime's Gregorian; far outside any record's
    /// time, or not a number: nil, left to JSONEncoder rather than written wrong or trapped on.
    fileprivate static func instantSeconds(_ date: Date) -> Int64? {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds >= -12_219_292_800 && seconds < 1e15 else { return nil }
        return Int64(seconds)
    }

    /// `2026-11-21T12:44:03Z`: UTC, whole seconds, as `.iso8601` gives.
    fileprivate static func writeInstant(_ seconds: Int64, to output: inout [UInt8]) {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        let year = Int(parts.tm_year) + 1900
        output.append(UInt8(ascii: "\""))
        if year >= 0 && year < 10_000 {
            writePadded(year, count: 4, to: &output)
        } else {
            Node.integer(Int64(year)).write(to: &output)
        }
        func two(_ separator: Unicode.Scalar, _ value: Int32) {
            output.append(UInt8(ascii: separator))
            writePadded(Int(value), count: 2, to: &output)
        }
        two("-", parts.tm_mon + 1)
        two("-", parts.tm_mday)
        two("T", parts.tm_hour)
        two(":", parts.tm_min)
        two(":", parts.tm_sec)
        output.append(contentsOf: "Z\"".utf8)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            // Most text needs no escape at all: copied at once.
            guard bytes.contains(where: needsEscape) else {
                output.append(contentsOf: bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 0x08: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
                case 0x0C: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
                case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0x00..<0x20:
                    output.append(contentsOf: "\\u00".utf8)
                    output.append(hexDigits[Int(byte >> 4)])
                    output.append(hexDigits[Int(byte & 0x0F)])
                default: output.append(byte)
                }
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

private final class ArrayBox {
    var elements: [Node] = []
}

private final class ObjectBox {
    struct Entry {
        let key: KeyName
        let node: Node
    }

    var entries: [Entry] = []

    init() {
        entries.reserveCapacity(8)
    }
}

/// Shared by an encoder and the encoders of its children: whether anything outside what this
/// encoder covers was met, and the key names this document has used so far.
private final class EncodingState {
    var unsupported = false
    private var known: [(type: ObjectIdentifier, names: CaseNames)] = []

    /// A document has a handful of key types, used again and again (every line of a claim).
    func caseNames(of type: Any.Type) -> CaseNames {
        let id = ObjectIdentifier(type)
        if let hit = known.first(where: { $0.type == id }) { return hit.names }
        let names = KeyCache.shared.caseNames(of: type)
        known.append((id, names))
        return names
    }

    func remember(_ names: CaseNames, of type: Any.Type) {
        let id = ObjectIdentifier(type)
        if let index = known.firstIndex(where: { $0.type == id }) {
            known[index].names = names
        } else {
            known.append((id, names))
        }
    }
}

private final class TreeEncoder: Encoder {
    let state: EncodingState
    /// The type whose `encode(to:)` this encoder serves.
    let encoding: Any.Type
    var root: Node?

    init(state: EncodingState, encoding: Any.Type) {
        self.state = state
        self.encoding = encoding
    }

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let box: ObjectBox
        if case .object(let existing)? = root {
            box = existing
        } else {
            box = ObjectBox()
            root = .object(box)
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(encoder: self, box: box))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let box: ArrayBox
        if case .array(let existing)? = root {
            box = existing
        } else {
            box = ArrayBox()
            root = .array(box)
        }
        return UnkeyedContainer(encoder: self, box: box)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(encoder: self)
    }

    /// The node of a value: a primitive directly, a date as ISO 8601, anything else through its
    /// own `encode(to:)`. The containers' generic `encode` is the witness of all fifteen
    /// primitive requirements, so primitives must stop here or they would come back round.
    /// Types are told apart by their metadata, most frequent first: a comparison each, where a
    /// dynamic cast would look conformances up.
    func box<Value: Encodable>(_ value: Value) throws -> Node {
        if Value.self == String.self { return .string(unsafeBitCast(value, to: String.self)) }
        if Value.self == Int.self { return .integer(Int64(unsafeBitCast(value, to: Int.self))) }
        if Value.self == Int64.self { return .integer(unsafeBitCast(value, to: Int64.self)) }
        if Value.self == Bool.self { return .bool(unsafeBitCast(value, to: Bool.self)) }
        if Value.self == Date.self { return instant(unsafeBitCast(value, to: Date.self)) }
        if Value.self == Int32.self { return .integer(Int64(unsafeBitCast(value, to: Int32.self))) }
        if Value.self == Int16.self { return .integer(Int64(unsafeBitCast(value, to: Int16.self))) }
        if Value.self == Int8.self { return .integer(Int64(unsafeBitCast(value, to: Int8.self))) }
        if Value.self == UInt.self { return .unsigned(UInt64(unsafeBitCast(value, to: UInt.self))) }
        if Value.self == UInt64.self { return .unsigned(unsafeBitCast(value, to: UInt64.self)) }
        if Value.self == UInt32.self { return .unsigned(UInt64(unsafeBitCast(value, to: UInt32.self))) }
        if Value.self == UInt16.self { return .unsigned(UInt64(unsafeBitCast(value, to: UInt16.self))) }
        if Value.self == UInt8.self { return .unsigned(UInt64(unsafeBitCast(value, to: UInt8.self))) }
        if Value.self == Data.self || Value.self == Double.self || Value.self == Float.self || Value.self == Decimal.self
            || Value.self == URL.self {
            state.unsupported = true
            return .null
        }
        if let dictionary = value as? any StringKeyedDictionary {
            // JSONEncoder leaves a string-keyed dictionary's keys as they are.
            return .object(try dictionary.object(encoder: self))
        }
        let child = TreeEncoder(state: state, encoding: Value.self)
        try value.encode(to: child)
        // A value that asked for no container at all is an empty object, as with JSONEncoder.
        return child.root ?? .object(ObjectBox())
    }

    /// A primitive of a type `box` does not name (an integer of another width, a floating-point
    /// type): its `encode(to:)` asked for itself to be encoded as a single value.
    func boxOther<Value: Encodable>(_ value: Value) -> Node {
        if let number = value as? any BinaryInteger { return .number(String(describing: number)) }
        state.unsupported = true
        return .null
    }

    private func instant(_ date: Date) -> Node {
        guard let seconds = Node.instantSeconds(date) else {
            state.unsupported = true
            return .null
        }
        return .instant(seconds)
    }
}

/// `[String: some Encodable]`, whose keys JSONEncoder does not convert.
private protocol StringKeyedDictionary {
    func object(encoder: TreeEncoder) throws -> ObjectBox
}

extension Dictionary: StringKeyedDictionary where Key == String, Value: Encodable {
    fileprivate func object(encoder: TreeEncoder) throws -> ObjectBox {
        let object = ObjectBox()
        for (key, element) in self { object.entries.append(.init(key: KeyName(key), node: try encoder.box(element))) }
        return object
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: TreeEncoder
    let box: ObjectBox
    var naming: KeyNaming
    var codingPath: [any CodingKey] { [] }

    init(encoder: TreeEncoder, box: ObjectBox) {
        self.encoder = encoder
        self.box = box
        naming = KeyNaming(Key.self, state: encoder.state)
    }

    private mutating func set(_ node: Node, _ key: Key) { box.entries.append(.init(key: naming.name(key, state: encoder.state), node: node)) }

    mutating func encodeNil(forKey key: Key) throws { set(.null, key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { set(try encoder.box(value), key) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = ObjectBox()
        set(.object(nested), key)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: encoder, box: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = ArrayBox()
        set(.array(nested), key)
        return UnkeyedContainer(encoder: encoder, box: nested)
    }

    mutating func superEncoder() -> any Encoder {
        encoder.state.unsupported = true
        return TreeEncoder(state: encoder.state, encoding: Never.self)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        encoder.state.unsupported = true
        return TreeEncoder(state: encoder.state, encoding: Never.self)
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: TreeEncoder
    let box: ArrayBox
    var codingPath: [any CodingKey] { [] }
    var count: Int { box.elements.count }

    private func append(_ node: Node) { box.elements.append(node) }

    mutating func encodeNil() throws { append(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { append(try encoder.box(value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = ObjectBox()
        append(.object(nested))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: encoder, box: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = ArrayBox()
        append(.array(nested))
        return UnkeyedContainer(encoder: encoder, box: nested)
    }

    mutating func superEncoder() -> any Encoder {
        encoder.state.unsupported = true
        return TreeEncoder(state: encoder.state, encoding: Never.self)
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let encoder: TreeEncoder
    var codingPath: [any CodingKey] { [] }

    private func set(_ node: Node) { encoder.root = node }

    mutating func encodeNil() throws { set(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        // A value encoding itself is a primitive `box` does not name; boxing it again would
        // call its `encode(to:)` again, without end.
        set(T.self == encoder.encoding ? encoder.boxOther(value) : try encoder.box(value))
    }
}

// MARK: - Written by hand

/// A representation that writes its own JSON, for the hottest routes (issue #18: the stored
/// claim, whose encoding through the tree was a sixth of the service's CPU per read). It must
/// give exactly the bytes the tree (and JSONEncoder) would: the keys snake_cased and in byte
/// order, an optional that is nil left out as synthesized `Encodable` leaves it. Debug builds
/// compare every response with JSONEncoder's bytes, as for the tree.
protocol JSONWritable: Encodable {
    func write(to writer: inout JSONWriter)
}

/// Writes JSON values in the order they are given, commas included.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// False once a value was given that only JSONEncoder writes right (an instant far outside
    /// any record's time): the caller then falls back to it.
    private(set) var isComplete = true
    private var needsComma = false

    init() {
        bytes.reserveCapacity(2048)
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = false
    }

    /// A value's bytes, after the comma that separates it from the one before.
    private mutating func value(_ write: (inout [UInt8]) -> Void) {
        separate()
        write(&bytes)
        needsComma = true
    }

    private mutating func open(_ bracket: Unicode.Scalar) {
        separate()
        bytes.append(UInt8(ascii: bracket))
    }

    private mutating func close(_ bracket: Unicode.Scalar) {
        bytes.append(UInt8(ascii: bracket))
        needsComma = true
    }

    mutating func beginObject() { open("{") }
    mutating func endObject() { close("}") }
    mutating func beginArray() { open("[") }
    mutating func endArray() { close("]") }

    /// A member's key, already as the API writes it (snake_case, nothing to escape).
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: "\":".utf8)
    }

    mutating func string(_ text: String) {
        value { Node.writeString(text, to: &$0) }
    }

    mutating func integer(_ number: Int64) {
        value { output in
            if number < 0 { output.append(UInt8(ascii: "-")) }
            Node.writeDigits(number.magnitude, to: &output)
        }
    }

    mutating func instant(_ date: Date) {
        guard let seconds = Node.instantSeconds(date) else {
            isComplete = false
            value { $0.append(contentsOf: "null".utf8) }
            return
        }
        value { Node.writeInstant(seconds, to: &$0) }
    }

    mutating func member(_ name: StaticString, _ text: String) {
        key(name)
        string(text)
    }

    mutating func member(_ name: StaticString, _ number: Int64) {
        key(name)
        integer(number)
    }

    mutating func member(_ name: StaticString, _ number: Int) {
        member(name, Int64(number))
    }

    mutating func member(_ name: StaticString, _ date: Date) {
        key(name)
        instant(date)
    }

    /// The member, or nothing when the value is nil, as synthesized `Encodable` leaves it out.
    mutating func member(_ name: StaticString, _ text: String?) {
        if let text { member(name, text) }
    }

    mutating func member(_ name: StaticString, _ number: Int?) {
        if let number { member(name, number) }
    }
}
