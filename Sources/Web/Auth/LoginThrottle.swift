/// How many failed logins are tolerated before further attempts are refused for a while:
/// per login name (guessing one account's password) and per client address (trying many
/// accounts). Counted in the database (table login_failures, keys hashed), so several
/// service processes share the count.
public struct LoginThrottle: Sendable {
    public var window: Duration
    public var maximumPerLogin: Int
    public var maximumPerAddress: Int

    public init(window: Duration = .seconds(15 * 60), maximumPerLogin: Int = 5, maximumPerAddress: Int = 20) {
        self.window = window
        self.maximumPerLogin = maximumPerLogin
        self.maximumPerAddress = maximumPerAddress
    }
}
