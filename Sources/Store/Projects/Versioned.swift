import Foundation

/// A stored value with the row's version (for If-Match) and when it last changed.
public struct Versioned<Value: Sendable & Hashable>: Sendable, Hashable {
    public let value: Value
    public let updatedAt: Date
    public let rowVersion: Int

    public init(_ value: Value, updatedAt: Date, rowVersion: Int) {
        self.value = value
        self.updatedAt = updatedAt
        self.rowVersion = rowVersion
    }
}
