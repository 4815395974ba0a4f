import Foundation

/// Input clean-up shared by every parser, in this module and beyond it (the CSV import's cells).
///
/// Secretariat staff paste values from Excel, PDFs and web pages, so the parsers accept
/// full-width (zenkaku) ASCII and surrounding blanks, but nothing looser than that unless a
/// parser says so. `halfWidth` is the one folding rule: every entry path folds through it.
public enum TextNormalization {
    /// Maps full-width ASCII variants (U+FF01–U+FF5E) to ASCII, the full-width yen sign to ¥ and
    /// the ideographic space to a space; every other character is kept as it is.
    public static func halfWidth(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E:
                scalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x3000:
                scalars.append(" ")
            case 0xFFE5:
                scalars.append("\u{00A5}")
            default:
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// What `trimmed` removes: white space and line breaks, U+3000 and the byte-order mark.
    private static let trimmable = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{3000}\u{FEFF}"))

    /// Removes leading and trailing white space, including U+3000 and line breaks.
    ///
    /// Text that neither starts nor ends with such a character is returned as it is without
    /// calling Foundation: the claim computation trims every line's references, and a batch
    /// export runs it over millions of lines.
    static func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return text }
        if !trimmable.contains(first) && !trimmable.contains(last) { return text }
        return text.trimmingCharacters(in: trimmable)
    }

    /// `halfWidth` followed by `trimmed`.
    static func normalized(_ text: String) -> String {
        trimmed(halfWidth(text))
    }

    /// True when the text is nil or only white space.
    static func isBlank(_ text: String?) -> Bool {
        guard let text else { return true }
        return trimmed(text).isEmpty
    }

    /// The trimmed text, or nil when it is blank.
    static func nonBlank(_ text: String?) -> String? {
        guard let text else { return nil }
        let result = trimmed(text)
        return result.isEmpty ? nil : result
    }

    /// The value of an ASCII digit character, or nil.
    static func asciiDigit(_ character: Character) -> Int? {
        guard let ascii = character.asciiValue, ascii >= 48, ascii <= 57 else { return nil }
        return Int(ascii - 48)
    }

    /// Parses a non-empty run of ASCII digits into an `Int`, or nil on anything else or overflow.
    static func asciiInteger<S: StringProtocol>(_ text: S) -> Int? {
        guard !text.isEmpty else { return nil }
        var value = 0
        for character in text {
            guard let digit = asciiDigit(character) else { return nil }
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.addingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return value
    }
}
