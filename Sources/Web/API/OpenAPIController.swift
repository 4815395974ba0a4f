import Foundation
import Hummingbird

/// Serves the OpenAPI document kept in the repository (Sources/Web/Resources/openapi.json),
/// the same file the tests compare with the registered routes.
struct OpenAPIController {
    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("openapi.json") { _, _ in
            guard let data = OpenAPIDocument.data else {
                throw Problem(status: .internalServerError, type: "internal", title: "サーバーで問題が起きました")
            }
            return try APIJSON.response(data: data)
        }
    }
}

/// The OpenAPI document as shipped with the module's resources.
public enum OpenAPIDocument {
    public static let data: Data? = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json") else { return nil }
        return try? Data(contentsOf: url)
    }()
}
