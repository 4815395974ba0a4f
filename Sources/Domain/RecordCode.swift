import Foundation

/// A record's code (organisation, consortium, project, event, plan, frame): what files, the
/// API, forms and addresses name records by.
///
/// Rule: `^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`, checked by byte (a regular expression's `$`
/// would also accept a trailing line break). Typed input (a CSV cell, a JSON field, a form
/// field) is folded first as every parser folds it (`TextNormalization.normalized`: full-width
/// ASCII to ASCII, blanks around it removed), so `ＰＲＪ－００１` reads as `PRJ-001` on every
/// entry path.
public enum RecordCode {
    public static let maximumLength = 64

    /// True when `text` is a code as it stands, with nothing to fold (an address's `:code`).
    public static func isValid(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let first = bytes.first, bytes.count <= maximumLength, isAlphanumeric(first) else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    /// The code typed input names, folded to ASCII; throws when it is none.
    public static func parse(_ text: String) throws(RecordCodeError) -> String {
        // A code as most input writes it is already one: folding is for the rest.
        if isValid(text) { return text }
        let folded = TextNormalization.normalized(text)
        guard isValid(folded) else { throw .invalid(text) }
        return folded
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}

/// Why text is no record code. Descriptions are Japanese, for secretariat staff.
public enum RecordCodeError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        "コードは英数字と . _ - の\(RecordCode.maximumLength)文字以内で、英数字で始めてください"
    }
}
