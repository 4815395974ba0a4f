import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

/// The test client with the fixture's tokens: requests as a given user, JSON in and out.
struct APIClient: Sendable {
    let client: any TestClientProtocol
    let tokens: [WebFixture.User: String]

    struct Reply: Sendable {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: Data

        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: body) as? [String: Any]) ?? [:]
        }

        var items: [[String: Any]] {
            json["items"] as? [[String: Any]] ?? []
        }

        var text: String { String(decoding: body, as: UTF8.self) }

        /// The problem's type without the base URL.
        var problemType: String? {
            (json["type"] as? String)?.replacingOccurrences(of: "https://jinjibu.example/problems/", with: "")
        }

        var errorFields: [String] {
            (json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
        }

        var etag: String? { headers[.eTag] }
    }

    @discardableResult
    func request(
        _ method: HTTPRequest.Method, _ path: String, as user: WebFixture.User? = nil, json: Any? = nil,
        headers extra: HTTPFields = [:], body raw: Data? = nil, contentType: String? = nil
    ) async throws -> Reply {
        var headers = extra
        if let user, let token = tokens[user] { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
            headers[.contentType] = "application/json"
        }
        if let raw {
            body = ByteBuffer(bytes: raw)
            headers[.contentType] = contentType ?? "text/csv"
        }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body)
        return Reply(status: response.status, headers: response.headers, body: Data(buffer: response.body))
    }

    func get(_ path: String, as user: WebFixture.User? = nil) async throws -> Reply {
        try await request(.get, path, as: user)
    }
}
