import Foundation

/// How a message quotes what someone entered: in full when it is short, else its beginning
/// and its length, so that a 10 MB cell does not make a 10 MB error message, problem body or
/// rejects line. Every message that echoes input (Domain parse errors, import issues) quotes
/// it through here.
public enum InputEcho {
    /// The most characters quoted in full.
    public static let maxCharacters = 60

    /// The text itself when at most `maxCharacters` long, else its first `maxCharacters`
    /// characters, "…" and the full length: "abc…（全10485760文字）".
    public static func excerpt(_ text: String) -> String {
        // Walks only as far as the cut for the common short value.
        var index = text.startIndex
        for _ in 0..<maxCharacters {
            guard index < text.endIndex else { return text }
            index = text.index(after: index)
        }
        guard index < text.endIndex else { return text }
        return String(text[..<index]) + "…（全\(text.count)文字）"
    }
}
