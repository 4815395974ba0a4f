import Foundation
import Hummingbird
import Reports

/// Encodes API representations: snake_case keys, ISO 8601 instants, sorted keys so the same
/// data gives the same bytes.
enum APIJSON {
    static func encode<Value: Encodable>(_ value: Value) throws -> Data {
        Data(try bytes(value))
    }

    /// The encoded bytes, through `APIJSONEncoder` when it covers the value.
    static func bytes<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        guard let fast = APIJSONEncoder.encode(value) else { return Array(try foundationEncode(value)) }
        assert(fast == (try? foundationEncode(value)).map(Array.init),
               "APIJSONEncoder differs from JSONEncoder for \(Value.self): \(String(decoding: fast, as: UTF8.self))")
        return fast
    }

    static func foundationEncode<Value: Encodable>(_ value: Value) throws -> Data {
        let encoder = JSONEncoder()
        // `.convertToSnakeCase` would re-case every key, stored documents' included.
        encoder.keyEncodingStrategy = .custom { path in
            guard let key = path.last, !(key is VerbatimKey) else { return path.last ?? VerbatimKey("") }
            return VerbatimKey(SnakeCaseKey.convert(key.stringValue))
        }
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// A JSON response, with an ETag when the representation has a row version.
    static func response<Value: Encodable>(
        _ value: Value, status: HTTPResponse.Status = .ok, etag: Int? = nil, location: String? = nil
    ) throws -> Response {
        response(buffer: ByteBuffer(bytes: try bytes(value)), status: status, etag: etag, location: location)
    }

    static func response(data: Data, status: HTTPResponse.Status = .ok, etag: Int? = nil, location: String? = nil) throws -> Response {
        response(buffer: ByteBuffer(bytes: data), status: status, etag: etag, location: location)
    }

    private static func response(buffer: ByteBuffer, status: HTTPResponse.Status, etag: Int?, location: String?) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if let etag { headers[.eTag] = EntityTag.format(etag) }
        if let location { headers[.location] = location }
        return Response(status: status, headers: headers, body: .init(byteBuffer: buffer))
    }
}

/// A page of a list with the cursor of the next page (null at the end).
struct ListJSON<Item: Encodable>: Encodable {
    var items: [Item]
    /// Always present, null at the end, so that clients can loop on it.
    @ExplicitNull var nextCursor: String?
}
