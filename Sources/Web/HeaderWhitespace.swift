extension Substring {
    /// The text without the blanks around it that `CharacterSet.whitespaces` names (tabs,
    /// every space separator, U+3000 included, and the zero width space; not line breaks). Foundation's
    /// `trimmingCharacters(in:)` cost the token check of every API request more than the
    /// rest of it (issue #18); a header value is normally ASCII with nothing to trim.
    func trimmingBlanks() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isBlank }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isBlank })!
        return String(Substring(scalars[first...last]))
    }
}

extension Unicode.Scalar {
    /// A tab, a space separator (general category Zs) or U+200B, as Foundation counts them.
    fileprivate var isBlank: Bool {
        value < 0x80 ? value == 0x20 || value == 0x09 : value == 0x200B || properties.generalCategory == .spaceSeparator
    }
}
