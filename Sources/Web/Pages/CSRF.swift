import Domain
import Crypto
import Foundation
import Hummingbird

/// The token every page form carries in a hidden field. It is a hash of the session token,
/// so it is bound to the session, needs no storage, and cannot be computed by another site
/// (the session cookie is HttpOnly). SameSite=Strict on the cookie already keeps most
/// cross-site posts out; the token also covers browsers and proxies that ignore SameSite.
/// Callers with an API token need none: browsers never attach those by themselves.
enum CSRF {
    static let field = "csrf"

    static func token(for context: APIContext) -> String? {
        guard case .session(let session)? = context.credential else { return nil }
        let digest = SHA256.hash(data: Data("jinjibu-csrf:\(session)".utf8))
        return digest.lowercaseHexadecimal
    }

    /// Throws 403 unless the form carries the session's token.
    static func verify(_ form: FormBody, context: APIContext) throws {
        guard let expected = token(for: context) else { return }
        guard let sent = form[field], constantTimeEqual(sent, expected) else {
            throw Problem(status: .forbidden, type: "csrf",
                          title: "フォームの確認に失敗しました。ページを開き直してから、もう一度送信してください")
        }
    }

    // MARK: The login form

    /// The login form comes before any session, so its token is bound to a cookie of its own
    /// instead: a random value that `GET /login` sets (HttpOnly, SameSite=Strict, sent only to
    /// /login) and whose hash the form carries. Another site can neither read the cookie nor
    /// compute the hash, so it cannot sign a browser into an account of its choosing.
    static let loginCookieName = "jinjibu_login"

    static func loginToken(nonce: String) -> String {
        let digest = SHA256.hash(data: Data("jinjibu-login-csrf:\(nonce)".utf8))
        return digest.lowercaseHexadecimal
    }

    /// The login cookie's value, when the request carries a plausible one.
    static func loginNonce(_ request: Request) -> String? {
        guard let value = request.cookies[loginCookieName]?.value, !value.isEmpty, value.count <= 200 else { return nil }
        return value
    }

    /// Whether the login form carries the token of the login cookie sent with it.
    static func verifyLogin(_ form: FormBody, request: Request) -> Bool {
        guard let nonce = loginNonce(request), let sent = form[field] else { return false }
        return constantTimeEqual(sent, loginToken(nonce: nonce))
    }

    private static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let (a, b) = (Array(lhs.utf8), Array(rhs.utf8))
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
