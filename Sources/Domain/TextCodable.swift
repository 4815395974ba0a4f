/// A value that is coded as its text and read back through its own validating parser, so a
/// document cannot carry a value the parser would refuse (a corporate number with a wrong
/// check digit): the parser's reason becomes the decoding error.
public protocol TextCodable: Codable {
    associatedtype ParseError: Error & CustomStringConvertible
    init(parsing text: String) throws(ParseError)
    /// The text the value is coded as, which `init(parsing:)` reads back.
    var codedText: String { get }
}

extension TextCodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try Self(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(codedText)
    }
}
