import Foundation

/// A closed list of domain terms with an English snake_case code (the raw value used in CSV,
/// JSON and the database) and the Japanese label people read.
public protocol DomainVocabulary: CaseIterable, RawRepresentable, Hashable, Sendable, Codable where RawValue == String {
    /// The label shown to Japanese users.
    var japaneseName: String { get }
}

extension DomainVocabulary {
    /// The case whose Japanese label is exactly `label` after trimming.
    public init?(japaneseName label: String) {
        let normalized = TextNormalization.normalized(label)
        guard let match = Self.allCases.first(where: { $0.japaneseName == normalized }) else { return nil }
        self = match
    }

    /// The case named by its code ("full_time", case-insensitive) or its Japanese label
    /// ("常勤"), ignoring surrounding white space and full-width letters: what a CSV cell holds.
    public init?(parsing text: String) {
        // A code as written (what files of a million lines hold) needs no normalising.
        if let exact = Self(rawValue: text) {
            self = exact
            return
        }
        let normalized = TextNormalization.normalized(text)
        if let match = Self(rawValue: normalized) ?? Self(rawValue: normalized.lowercased()) ?? Self(rawValue: normalized.uppercased()) ?? Self(japaneseName: normalized) {
            self = match
        } else {
            return nil
        }
    }
}
