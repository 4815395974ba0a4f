import Foundation

/// Counts by the values of a vocabulary (events by kind, placements by employment type).
///
/// Every value of the vocabulary is present, 0 when nothing was counted, so the JSON form has
/// the same keys whatever the data: an object keyed by the snake_case codes,
/// `{"joint_recruiting": 3, "internship": 0, ...}`. Unknown keys are ignored when decoding
/// and missing ones read as 0, so a snapshot stored today still decodes after the vocabulary grows.
public struct Tally<Key: DomainVocabulary>: Hashable, Sendable, Codable {
    private var counts: [Key: Int]

    public init(_ counts: [Key: Int] = [:]) {
        self.counts = counts.filter { $0.value != 0 }
    }

    public subscript(key: Key) -> Int {
        get { counts[key] ?? 0 }
        set { counts[key] = newValue == 0 ? nil : newValue }
    }

    /// The sum over every value.
    public var total: Int { counts.values.reduce(0, +) }

    /// Every value of the vocabulary with its count, in the vocabulary's order.
    public var entries: [(key: Key, count: Int)] {
        Key.allCases.map { ($0, self[$0]) }
    }

    private struct CodingKey: Swift.CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKey.self)
        var counts: [Key: Int] = [:]
        for key in container.allKeys {
            guard let value = Key(rawValue: key.stringValue) else { continue }
            counts[value] = try container.decode(Int.self, forKey: key)
        }
        self.init(counts)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKey.self)
        for key in Key.allCases {
            try container.encode(self[key], forKey: CodingKey(stringValue: key.rawValue))
        }
    }
}
