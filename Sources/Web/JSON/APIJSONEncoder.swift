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
enum APIJSONEncoder {
    static func encode<Value: Encodable>(_ value: Value) -> [UInt8]? {
        let encoder = TreeEncoder()
        do {
            let node = try encoder.box(value)
            guard !encoder.state.unsupported else { return nil }
            var output: [UInt8] = []
            output.reserveCapacity(1024)
            node.write(to: &output)
            return output
        } catch {
            return nil
        }
    }

    /// An encoder whose output goes nowhere, for what a document leaves out.
    static var discarding: any Encoder { TreeEncoder() }

    /// Key conversions seen so far; the API's keys are a small fixed set.
    private static let keyCache = KeyCache()

    static func key(_ key: some CodingKey) -> String {
        if key is VerbatimKey { return key.stringValue }
        return keyCache.converted(key.stringValue)
    }
}

private final class KeyCache: @unchecked Sendable {
    private let lock = NSLock()
    private var cache: [String: String] = [:]

    func converted(_ key: String) -> String {
        if let hit = lock.withLock({ cache[key] }) { return hit }
        let value = SnakeCaseKey.convert(key)
        lock.withLock {
            if cache.count < 10_000 { cache[key] = value }
        }
        return value
    }
}

/// A JSON value under construction; objects and arrays are boxes so that nested containers
/// can fill them after they were handed out.
private enum Node {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array(ArrayBox)
    case object(ObjectBox)

    func write(to output: inout [UInt8]) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .number(let text): output.append(contentsOf: text.utf8)
        case .string(let text): Self.writeString(text, to: &output)
        case .array(let box):
            output.append(UInt8(ascii: "["))
            for (index, element) in box.elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                element.write(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let box):
            output.append(UInt8(ascii: "{"))
            // Sorted by key bytes; of a key set twice, the last value counts, as in JSONEncoder.
            let order = box.entries.indices.sorted { left, right in
                let (a, b) = (box.entries[left].key, box.entries[right].key)
                return a == b ? left < right : a.utf8.lexicographicallyPrecedes(b.utf8)
            }
            var first = true
            for (position, index) in order.enumerated() {
                let (key, node) = box.entries[index]
                if position + 1 < order.count && box.entries[order[position + 1]].key == key { continue }
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                Self.writeString(key, to: &output)
                output.append(UInt8(ascii: ":"))
                node.write(to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x00..<0x20:
                output.append(contentsOf: Array("\\u00".utf8))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

private final class ArrayBox {
    var elements: [Node] = []
}

private final class ObjectBox {
    var entries: [(key: String, node: Node)] = []
}

/// Shared by an encoder and the encoders of its children: whether anything outside what this
/// encoder covers was met.
private final class EncodingState {
    var unsupported = false
}

private final class TreeEncoder: Encoder {
    let state: EncodingState
    var root: Node?

    init(state: EncodingState = EncodingState()) {
        self.state = state
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
    func box<Value: Encodable>(_ value: Value) throws -> Node {
        if let text = value as? String { return .string(text) }
        if let number = value as? Int { return .number(String(number)) }
        if let number = value as? Int64 { return .number(String(number)) }
        if let flag = value as? Bool { return .bool(flag) }
        if let number = value as? any BinaryInteger { return .number(String(describing: number)) }
        if let date = value as? Date { return .string(Self.iso8601(date)) }
        if value is Data || value is Double || value is Float || value is Decimal || value is URL {
            state.unsupported = true
            return .null
        }
        if let dictionary = value as? [String: any Encodable] {
            // JSONEncoder leaves a string-keyed dictionary's keys as they are.
            let object = ObjectBox()
            for (key, element) in dictionary { object.entries.append((key, try box(element))) }
            return .object(object)
        }
        let child = TreeEncoder(state: state)
        try value.encode(to: child)
        // A value that asked for no container at all is an empty object, as with JSONEncoder.
        return child.root ?? .object(ObjectBox())
    }

    /// `2026-11-21T12:44:03Z`: UTC, whole seconds, as `.iso8601` gives.
    static func iso8601(_ date: Date) -> String {
        var seconds = time_t(floor(date.timeIntervalSince1970))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let year = Int(parts.tm_year) + 1900
        let yearText = year >= 0 && year < 1000 ? String(repeating: "0", count: 4 - String(year).count) + String(year) : String(year)
        return "\(yearText)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }

}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: TreeEncoder
    let box: ObjectBox
    var codingPath: [any CodingKey] { [] }

    private func set(_ node: Node, _ key: Key) { box.entries.append((APIJSONEncoder.key(key), node)) }

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
        return TreeEncoder(state: encoder.state)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        encoder.state.unsupported = true
        return TreeEncoder(state: encoder.state)
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
        return TreeEncoder(state: encoder.state)
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let encoder: TreeEncoder
    var codingPath: [any CodingKey] { [] }

    private func set(_ node: Node) { encoder.root = node }

    mutating func encodeNil() throws { set(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { set(try encoder.box(value)) }
}
