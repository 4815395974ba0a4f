/// One page of a list ordered by a key: `after` is the key of the last item of the previous
/// page (nil for the first), and `next` the key to ask for the page after this one (nil at
/// the end). The HTTP layer turns keys into opaque cursors.
public struct PageRequest: Sendable, Hashable {
    public static let maximumLimit = 500

    public var limit: Int
    public var after: [String]?

    public init(limit: Int = 50, after: [String]? = nil) {
        self.limit = min(max(limit, 1), Self.maximumLimit)
        self.after = after
    }

    /// The first element of the key, for lists ordered by one column.
    public var afterFirst: String? { after?.first }
}

public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var next: [String]?

    public init(items: [Item], next: [String]?) {
        self.items = items
        self.next = next
    }

    /// Builds a page from `limit + 1` fetched items: the extra one only says there is more.
    public init(fetched: [Item], limit: Int, key: (Item) -> [String]) {
        if fetched.count > limit {
            let kept = Array(fetched.prefix(limit))
            self.items = kept
            self.next = kept.last.map(key)
        } else {
            self.items = fetched
            self.next = nil
        }
    }
}
