import Foundation

/// A value worked out on a thread of its own while the caller goes on; `value()` waits for it.
/// The export works its activity figures out this way while the expense lines stream.
final class BackgroundValue<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<Value, any Error>?

    init(name: String, _ body: @escaping @Sendable () throws -> Value) {
        let thread = Thread { [self] in
            let outcome = Result { try body() }
            condition.withLock {
                result = outcome
                condition.broadcast()
            }
        }
        thread.name = name
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The value, once worked out; throws what working it out threw.
    func value() throws -> Value {
        try condition.withLock {
            while result == nil { condition.wait() }
            return try result!.get()
        }
    }
}
