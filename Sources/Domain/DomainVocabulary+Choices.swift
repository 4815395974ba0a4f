import Foundation

extension DomainVocabulary {
    /// The values people may write, for a message: each Japanese name with its code, as
    /// every entry path (forms, JSON, CSV) accepts one or the other:
    /// 「人件費（personnel）、謝金（honoraria）、…」.
    public static var choices: String {
        allCases.map { "\($0.japaneseName)（\($0.rawValue)）" }.joined(separator: "、")
    }
}
