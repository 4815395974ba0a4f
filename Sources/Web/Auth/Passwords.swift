import HummingbirdBcrypt

/// Password hashing with bcrypt. The cost is stored in each hash, so verifying needs no
/// setting; new hashes use `defaultCost`.
public enum Passwords {
    public static let defaultCost: UInt8 = 12
    /// Shortest password accepted by `jinjibu user add`.
    public static let minimumLength = 12

    public static func hash(_ password: String, cost: UInt8 = defaultCost) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    public static func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }

    /// Compared against when the login name is unknown, so that an unknown name takes as long
    /// as a wrong password and response times do not tell which names exist.
    static let decoy = Bcrypt.hash("decoy password that matches nothing", cost: defaultCost)
}
