import HummingbirdBcrypt

/// Password hashing with bcrypt. The cost is stored in each hash, so verifying needs no
/// setting; new hashes use `defaultCost`.
///
/// bcrypt reads at most 72 bytes of a password and stops at a NUL byte, so with a longer
/// password, or one with a NUL, anything after that point would sign in. Such passwords are
/// refused when they are set (`problem(settingNew:)`, which every caller of `hash` asks
/// first) and at sign-in. Existing hashes stay valid: one made from a longer password before
/// this rule only ever held its first 72 bytes, and those still sign in.
public enum Passwords {
    public static let defaultCost: UInt8 = 12
    /// Shortest password accepted by `jinjibu user add`.
    public static let minimumLength = 12
    /// Longest password in bytes of UTF-8 (a kanji takes three): all that bcrypt reads.
    public static let maximumBytes = 72

    /// Why a new password is refused, in words for the person choosing it; nil when it is fine.
    public static func problem(settingNew password: String) -> String? {
        if password.count < minimumLength {
            return "パスワードは\(minimumLength)文字以上にしてください"
        }
        return problem(signingInWith: password)
    }

    /// Why a password given at sign-in cannot be right whatever the account (nil when it can).
    public static func problem(signingInWith password: String) -> String? {
        if password.utf8.count > maximumBytes {
            return "パスワードは\(maximumBytes)バイト（英数字で\(maximumBytes)文字、漢字・かなは1文字3バイト）以内です"
        }
        if password.utf8.contains(0) {
            return "パスワードに NUL 文字は使えません"
        }
        return nil
    }

    public static func hash(_ password: String, cost: UInt8 = defaultCost) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    public static func verify(_ password: String, hash: String) -> Bool {
        problem(signingInWith: password) == nil && Bcrypt.verify(password, hash: hash)
    }

    /// Compared against when the login name is unknown, so that an unknown name takes as long
    /// as a wrong password and response times do not tell which names exist.
    static let decoy = Bcrypt.hash("decoy password that matches nothing", cost: defaultCost)
}
