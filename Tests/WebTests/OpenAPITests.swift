import Foundation
import Hummingbird
import Testing
import TestSupport
@testable import Web

@Suite struct OpenAPITests {
    /// Every route the application registers is documented, and every documented operation
    /// is registered.
    @Test func theDocumentDescribesExactlyTheRegisteredRoutes() async throws {
        let fixture = try await WebFixture.make()
        let router = buildRouter(configuration: WebConfiguration(), pool: fixture.pool)
        // The HTML pages for people are not part of the API document.
        let registered = Set(router.routes.filter { !Self.isPage($0.path.description) }.map { "\($0.method.rawValue) \($0.path)" })
        let data = try #require(OpenAPIDocument.data)
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]
        var documented: Set<String> = []
        for (path, operations) in paths {
            for method in operations.keys where methods.contains(method) {
                documented.insert("\(method.uppercased()) \(path)")
            }
        }
        #expect(registered.subtracting(documented).sorted() == [], "registered but not documented")
        #expect(documented.subtracting(registered).sorted() == [], "documented but not registered")
        #expect(registered.count > 30)
    }

    static func isPage(_ path: String) -> Bool {
        !(path.hasPrefix("/api/") || ["/healthz", "/readyz", "/metrics"].contains(path))
    }

    @Test func theServedDocumentIsTheFileInTheRepository() async throws {
        let fixture = try await WebFixture.make()
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/Web/Resources/openapi.json")
        let file = try Data(contentsOf: source)
        try await fixture.withClient { api in
            let served = try await api.get("/api/v1/openapi.json")
            #expect(served.status == .ok)
            #expect(served.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(served.body == file)
        }
    }
}
