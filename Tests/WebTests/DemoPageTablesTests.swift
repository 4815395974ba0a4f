import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import Store
import Testing
import TestSupport
@testable import Web

/// Every page of the demo as its two accounts reach it by following links (issue 16): each data
/// table has a caption (a screen reader announces it on entering the table) and every header
/// cell says whether it heads a column or a row; and what the bureau reads of the demo's
/// lifecycle (the refund) is on its report page.
@Suite struct DemoPageTablesTests {
    /// Routes that vary only by record (a project's code, a line's id) are one kind of page;
    /// a few of each kind are opened, so projects at different stages show their own tables.
    static let perKind = 3
    static let limit = 250

    @Test func everyTableOfEveryDemoPageHasACaptionAndScopedHeaderCells() async throws {
        let settings = try await offThread { try TestCluster.freshDatabase() }
        let accounts = try await offThread { () -> [DemoData.Account] in
            let connection = try PostgresConnection(settings: settings)
            defer { connection.close() }
            #expect(try DemoData.loadIfEmpty(on: connection, actor: "demo"))
            return try DemoData.createAccounts(on: connection) { Passwords.hash($0, cost: 4) }
        }
        let pool = PostgresPool(configuration: .init(settings: settings, maximumConnections: 4))
        defer { Task { await pool.shutdown() } }
        let app = buildApplication(configuration: WebConfiguration(secureCookies: true), pool: pool)
        try await app.test(.router) { client in
            let pages = PageClient(client: client)
            for account in accounts {
                let signedIn = try await pages.postLogin(["login": account.login, "password": account.password])
                let session = try #require(PageClient.sessionCookie(signedIn), "\(account.login)")
                let visited = try await Self.crawl(pages, session: session) { path, html in
                    for problem in Self.tableProblems(html) {
                        Issue.record("\(account.login) \(path): \(problem)")
                    }
                }
                // The crawl reached the pages a day's work uses, not just the start page.
                #expect(visited.count >= 15, "\(account.login): \(visited.sorted())")
                let expected = switch account.login {
                case "demo-kanto": ["/projects/*/claim", "/projects/*/claims/*", "/bureau/*"]
                case "demo-reviewer": ["/projects/*/claim", "/projects/*/claims/*"]
                default: ["/projects/*/claim", "/projects/*/claims/*", "/projects/*/expenses", "/consortia/*/members"]
                }
                let kinds = Set(visited.map { Self.kind(String($0.split(separator: "?")[0])) })
                for kind in expected {
                    #expect(kinds.contains(kind), "\(account.login) never reached \(kind)")
                }
            }

            // The bureau's report shows the demo's refund (¥500,000 due, received before its due date).
            let bureau = try #require(accounts.first { $0.login == "demo-kanto" })
            let signedIn = try await pages.postLogin(["login": bureau.login, "password": bureau.password])
            let report = try await pages.get("/bureau/report?year=2024&as_of=2025-12-31", session: PageClient.sessionCookie(signedIn)).text
            #expect(report.contains("<h2>返還（額の確定による）</h2>"))
            #expect(report.contains("<tr><td>合計</td><td class=\"num\">¥500,000</td><td class=\"num\">¥500,000</td><td class=\"num\">¥0</td></tr>"))
            #expect(report.contains("<tr><td>新潟県</td><td class=\"num\">¥500,000</td><td class=\"num\">¥500,000</td><td class=\"num\">¥0</td></tr>"))
        }
    }

    /// Opens the start page, then every same-site link found (downloads and sign-out aside), up
    /// to `perKind` pages of a kind and `limit` in all; hands each page's HTML to `check`.
    static func crawl(_ pages: PageClient, session: String, check: (String, String) -> Void) async throws -> Set<String> {
        var queue = ["/"], seen: Set<String> = ["/"], visited: Set<String> = []
        var perKindCount: [String: Int] = [:]
        while !queue.isEmpty, visited.count < limit {
            let path = queue.removeFirst()
            var reply = try await pages.get(path, session: session)
            var hops = 0
            while [.seeOther, .found].contains(reply.status), let location = reply.headers[.location], hops < 3 {
                reply = try await pages.get(location, session: session)
                hops += 1
            }
            visited.insert(path)
            #expect(reply.status == .ok, "\(path): \(reply.status.code)")
            let html = reply.text
            check(path, html)
            for link in links(in: html) where !seen.contains(link) {
                seen.insert(link)
                let kind = kind(link)
                guard perKindCount[kind, default: 0] < perKind else { continue }
                perKindCount[kind, default: 0] += 1
                queue.append(link)
            }
        }
        return visited
    }

    static func links(in html: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: ##"<a [^>]*href="(/[^"#]*)""##)
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { match in
            guard let range = Range(match.range(at: 1), in: html) else { return nil }
            let link = html[range].replacingOccurrences(of: "&amp;", with: "&")
            let path = link.split(separator: "?", maxSplits: 1).first.map(String.init) ?? link
            let skipped = path.hasSuffix(".csv") || path.hasSuffix(".pdf") || path.hasPrefix("/api/") || path == "/logout"
            return skipped ? nil : link
        }
    }

    /// The route a link opens: record codes and ids as `*`, the query by its names only.
    static func kind(_ link: String) -> String {
        let parts = link.split(separator: "?", maxSplits: 1)
        let segments = parts[0].split(separator: "/").enumerated().map { index, segment -> String in
            index % 2 == 1 || segment.allSatisfy(\.isNumber) ? "*" : String(segment)
        }
        let names = parts.count > 1
            ? "?" + parts[1].split(separator: "&").map { $0.split(separator: "=").first.map(String.init) ?? "" }.sorted().joined(separator: "&")
            : ""
        return "/" + segments.joined(separator: "/") + names
    }

    /// Each table without a caption as its first child, each header cell without `scope`.
    static func tableProblems(_ html: String) -> [String] {
        var problems: [String] = []
        var rest = html[...]
        while let open = rest.range(of: "<table") {
            guard let tagEnd = rest[open.upperBound...].firstIndex(of: ">"),
                  let close = rest[tagEnd...].range(of: "</table>") else { break }
            let body = rest[rest.index(after: tagEnd)..<close.lowerBound]
            let excerpt = String(body.prefix(120))
            if !body.drop(while: \.isWhitespace).hasPrefix("<caption") {
                problems.append("a table without a caption: \(excerpt)")
            }
            let headers = body.components(separatedBy: "<th").dropFirst().filter { $0.hasPrefix(" ") || $0.hasPrefix(">") }
            for header in headers where !header.prefix(while: { $0 != ">" }).contains("scope=\"") {
                problems.append("a header cell without scope: <th\(header.prefix(60))")
            }
            rest = rest[close.upperBound...]
        }
        return problems
    }
}
