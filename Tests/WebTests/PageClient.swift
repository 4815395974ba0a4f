import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

/// A browser's view of the pages: form posts, the session cookie, and the form token read
/// from the page it came with.
struct PageClient: Sendable {
    let client: any TestClientProtocol

    typealias Reply = APIClient.Reply

    /// Signs in through the login form and returns the session cookie's value.
    func login(_ user: WebFixture.User, password: String = WebFixture.password) async throws -> String {
        let reply = try await postLogin(["login": user.rawValue, "password": password])
        guard reply.status == .seeOther, let cookie = Self.sessionCookie(reply) else {
            throw PageTestError.loginFailed(user.rawValue, reply.status.code)
        }
        return cookie
    }

    /// Posts the login form as a browser does: it opens the form first and sends back its
    /// login cookie and form token.
    func postLogin(_ fields: [String: String]) async throws -> Reply {
        let page = try await get("/login")
        guard let cookie = Self.cookie("jinjibu_login", in: page), let token = Self.csrf(in: page.text) else {
            throw PageTestError.loginFailed(fields["login"] ?? "", page.status.code)
        }
        return try await post("/login", form: fields.merging(["csrf": token]) { typed, _ in typed }, cookie: "jinjibu_login=\(cookie)")
    }

    static func sessionCookie(_ reply: Reply) -> String? {
        cookie("jinjibu_session", in: reply)
    }

    /// The value a reply sets for a cookie; nil when it sets none or clears it.
    static func cookie(_ name: String, in reply: Reply) -> String? {
        for value in reply.headers[values: .setCookie] where value.hasPrefix("\(name)=") {
            let cookie = value.dropFirst(name.count + 1).prefix { $0 != ";" }
            return cookie.isEmpty ? nil : String(cookie)
        }
        return nil
    }

    func get(_ path: String, session: String? = nil) async throws -> Reply {
        var headers = HTTPFields()
        if let session { headers[.cookie] = "jinjibu_session=\(session)" }
        let response = try await client.execute(uri: path, method: .get, headers: headers, body: nil)
        return Reply(status: response.status, headers: response.headers, body: Data(buffer: response.body))
    }

    func post(_ path: String, form: [String: String], session: String? = nil, cookie: String? = nil, referer: String? = nil) async throws -> Reply {
        var headers = HTTPFields()
        if let referer { headers[.referer] = referer }
        headers[.contentType] = "application/x-www-form-urlencoded"
        if let session { headers[.cookie] = "jinjibu_session=\(session)" }
        if let cookie { headers[.cookie] = cookie }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = form.sorted { $0.key < $1.key }.map { key, value in
            "\(key.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
        return Reply(status: response.status, headers: response.headers, body: Data(buffer: response.body))
    }

    /// The form token in a page, as a browser would send it back.
    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: #"name="csrf" value="([0-9a-f]+)""#, options: .regularExpression) else { return nil }
        return String(html[range].split(separator: "\"")[3])
    }

    /// The HTML of the form field block (`<div class="field…">`) holding the input with this id.
    static func field(_ id: String, in html: String) -> String? {
        guard let input = html.range(of: "id=\"\(id)\"") else { return nil }
        let start = html[..<input.lowerBound].range(of: "<div class=\"field", options: .backwards)?.lowerBound ?? input.lowerBound
        let end = html[input.upperBound...].range(of: "</div>")?.upperBound ?? html.endIndex
        return String(html[start..<end])
    }
}

enum PageTestError: Error {
    case loginFailed(String, Int)
}

extension WebFixture {
    func withPages(_ body: @escaping @Sendable (PageClient, APIClient) async throws -> Void) async throws {
        try await withClient { api in
            try await body(PageClient(client: api.client), api)
        }
    }
}

extension PageClient {
    /// Posts a file input and fields as `multipart/form-data`, as a browser's upload form does.
    func upload(_ path: String, fields: [String: String], file: String, filename: String, session: String) async throws -> Reply {
        let boundary = "----jinjibu-test-\(UUID().uuidString)"
        var body = ""
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: text/csv\r\n\r\n\(file)\r\n"
        body += "--\(boundary)--\r\n"
        var headers = HTTPFields()
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        headers[.cookie] = "jinjibu_session=\(session)"
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
        return Reply(status: response.status, headers: response.headers, body: Data(buffer: response.body))
    }
}
