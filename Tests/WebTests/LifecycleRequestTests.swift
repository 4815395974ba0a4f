import Foundation
import HTTPTypes
import Testing

/// What the lifecycle and grant endpoints make of requests they must refuse.
@Suite struct LifecycleRequestTests {
    /// The role is checked before the body is read: a caller who may not record a step is
    /// told so (403), not that its body is malformed (400).
    @Test func aCallerWithoutTheRoleIsRefusedBeforeItsBodyIsRead() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            let base = "/api/v1/projects/P-TSUBAME"
            for (method, path) in [(HTTPRequest.Method.post, "\(base)/inspection"), (.post, "\(base)/confirmation"), (.post, "\(base)/settlement"),
                                   (.patch, "\(base)/settlement"), (.post, "\(base)/grant-decisions"), (.post, "\(base)/advance-payments")] {
                for user in [WebFixture.User.secA, .viewA] {
                    let reply = try await api.request(method, path, as: user, headers: [.ifMatch: "\"1\""],
                                                      body: Data("{\"inspected_on\": ".utf8), contentType: "application/json")
                    #expect(reply.status == .forbidden && reply.problemType == "forbidden", "\(user) \(method) \(path): \(reply.status) \(reply.text)")
                }
            }
        }
    }
}
