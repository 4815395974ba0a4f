import Foundation
import Hummingbird
import Mustache
import Store

/// Renders the pages: each page's template with its values, inside the layout. The
/// templates are compiled into the binary (`PageTemplates`), so the deployed executable needs
/// no resource directory.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    init() {
        var library = MustacheLibrary()
        for (name, text) in PageTemplates.all {
            do {
                try library.register(text, named: name)
            } catch {
                // The templates are constants of the program: a broken one is a bug that the
                // page tests show at once, never a condition to recover from.
                preconditionFailure("template \(name): \(error)")
            }
        }
        self.library = library
    }

    /// A complete HTML page. `values` are the page template's; the layout gets the title,
    /// the signed-in user and their menu, and the form token.
    func page(
        _ template: String, title: String, values: [String: Any], context: APIContext?, status: HTTPResponse.Status = .ok
    ) -> Response {
        var values = values
        // The login form, before any session, brings its own token (CSRF.loginToken).
        let csrf = context.flatMap(CSRF.token(for:)) ?? values["csrf"] as? String ?? ""
        values["csrf"] = csrf
        let body = library.render(values, withTemplate: template) ?? ""
        var layout: [String: Any] = ["title": title, "body": body, "csrf": csrf]
        if let caller = context?.caller {
            layout["user"] = ["login": caller.login, "role": caller.role.japaneseName]
            layout["nav"] = Self.menu(for: caller)
        }
        let html = library.render(layout, withTemplate: "layout") ?? ""
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        // Nothing on these pages comes from elsewhere, and no script runs.
        headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'"
        headers[.xContentTypeOptions] = "nosniff"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// A CSV file the browser saves as `filename` instead of showing it.
    static func csvDownload(_ data: Data, filename: String, charset: String = "utf-8") -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=\(charset)"
        headers[.contentDisposition] = "attachment; filename=\"\(filename)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The menu follows the role: secretariats see their consortia, bureaus the projects of
    /// their prefectures. What each link shows is still decided by the database's scope.
    static func menu(for caller: UserAccount) -> [[String: String]] {
        var items = [["href": "/", "label": "ホーム"]]
        for consortium in caller.consortia {
            // The code names the consortium only when there are several to tell apart.
            let label = caller.consortia.count == 1 ? "ダッシュボード" : "ダッシュボード（\(consortium.code)）"
            items.append(["href": "/consortia/\(consortium.code)", "label": label])
            items.append(["href": "/consortia/\(consortium.code)/members", "label": "構成員"])
            items.append(["href": "/consortia/\(consortium.code)/events", "label": "取組"])
            items.append(["href": "/consortia/\(consortium.code)/outcomes", "label": "成約・相談"])
        }
        items.append(["href": "/projects", "label": "採択事業"])
        if Access.decide.contains(caller.role) {
            items.append(["href": "/bureau/report", "label": "集計"])
        }
        if caller.role == .admin || caller.role == .secretariat {
            items.append(["href": "/imports", "label": "CSV取り込み"])
        }
        return items
    }
}
