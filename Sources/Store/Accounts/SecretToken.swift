import Crypto
import Foundation

/// A bearer secret (session cookie or API token): 32 random bytes from the system's
/// cryptographic generator, written as base64url with a prefix that says what it is. Only
/// its SHA-256 is stored; 256 random bits need no slow hash.
public struct SecretToken: Sendable {
    /// The value handed to the user once.
    public let value: String

    public init(value: String) {
        self.value = value
    }

    /// A new random token such as `jjb_…` for API tokens or `jjs_…` for sessions.
    public static func generate(prefix: String) -> SecretToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return SecretToken(value: prefix + base64URL(Data(bytes)))
    }

    /// What the database keeps.
    public var hash: Data { Self.sha256(value) }

    public static func sha256(_ text: String) -> Data {
        Data(SHA256.hash(data: Data(text.utf8)))
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
