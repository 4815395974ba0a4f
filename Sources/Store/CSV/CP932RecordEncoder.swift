/// Converts CSV records from UTF-8 to CP932 for ``CSVWriter``, substituting what CP932 lacks.
///
/// Owns the iconv descriptor (opened on first use, closed with the writer), so it is not
/// `Sendable`, like the writer.
struct CP932RecordEncoder {
    /// CP932 bytes of `〓` (U+3013), the substitute for characters CP932 lacks.
    private static let substituteBytes: [UInt8] = [0x81, 0xAC]

    private var converter: IconvConverter?

    /// Converts one record and appends it to `output`; returns the indices of the cells in
    /// which something was substituted, in order, each once.
    ///
    /// The whole record goes through iconv in one call; only when iconv stops at a character
    /// is the offset mapped back to a cell through `cellStarts` (each cell's first byte). The
    /// CSV syntax characters are ASCII, so a substitution never touches a comma or quote and
    /// never shifts a column.
    mutating func encode(
        _ record: UnsafeBufferPointer<UInt8>,
        cellStarts: [Int],
        appendingTo output: inout [UInt8]
    ) throws(CSVError) -> [Int] {
        let converter = try openConverter()
        var substitutedCells: [Int] = []
        var offset = 0
        while offset < record.count {
            let rest = UnsafeBufferPointer(rebasing: record[offset...])
            switch converter.convert(rest, appendingTo: &output) {
            case .complete:
                offset = record.count
            case .invalid(let consumed), .incomplete(let consumed):
                // Swift strings hold valid UTF-8, so this is a character with no CP932 form
                // (or, defensively, anything else iconv refuses): replace it whole.
                offset += consumed
                let (scalar, length) = Self.scalar(in: record, at: offset)
                if !Self.isVariationSelector(scalar) {
                    output.append(contentsOf: Self.substituteBytes)
                }
                let cell = Self.cellIndex(containing: offset, cellStarts: cellStarts)
                if substitutedCells.last != cell { substitutedCells.append(cell) }
                offset += length
            }
        }
        return substitutedCells
    }

    private mutating func openConverter() throws(CSVError) -> IconvConverter {
        if let converter { return converter }
        guard let opened = IconvConverter(to: TextEncoding.cp932.iconvName, from: "UTF-8") else {
            throw CSVError(line: 0, reason: .encodingUnavailable(.cp932))
        }
        converter = opened
        return opened
    }

    /// The scalar starting at `offset` and its length in bytes (at least 1, so the
    /// conversion always makes progress).
    private static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> (Unicode.Scalar?, Int) {
        let length = switch bytes[offset] {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
        let end = min(bytes.count, offset + length)
        var iterator = bytes[offset..<end].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) {
            return (scalar, end - offset)
        }
        return (nil, end - offset)
    }

    /// Variation selectors only pick a glyph; writing `〓` for them would print a stray mark
    /// after a character that converted fine (葛 + VS17) or a second one after an emoji.
    private static func isVariationSelector(_ scalar: Unicode.Scalar?) -> Bool {
        guard let value = scalar?.value else { return false }
        return (0xFE00...0xFE0F).contains(value) || (0xE0100...0xE01EF).contains(value)
    }

    private static func cellIndex(containing offset: Int, cellStarts: [Int]) -> Int {
        var index = cellStarts.count - 1
        while index > 0 && cellStarts[index] > offset { index -= 1 }
        return index
    }
}
