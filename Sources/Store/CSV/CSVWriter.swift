import Foundation

/// Writes CSV records, buffered, to a file, a custom output or memory.
///
/// Output follows RFC 4180 the way Excel reads it: comma separators, CRLF line ends, and a
/// field enclosed in `"` (with inner quotes doubled) only when it contains a comma, quote,
/// CR or LF. Bytes are collected in a buffer and handed to the output each time it passes
/// 64 KiB, and by ``finish()``, which must be called at the end.
///
/// **Formula safety.** With `formulaSafe` (the default), a text cell beginning with `=`, `+`,
/// `-`, `@`, tab or CR is written with a leading `'`, so spreadsheet programs show it rather
/// than run it (INTERFACES.md, "Batch claim export"): `=SUM(A1)` becomes `'=SUM(A1)`. Numbers
/// must therefore be passed as ``CSVCell/number(_:)`` so that a negative amount stays
/// `-1234`; `write(_:)` with a `[String]` treats every field as text.
///
/// **Encodings.** ``TextEncoding/utf8`` writes no byte-order mark unless `byteOrderMark` is
/// set (Excel on Windows needs it to recognise UTF-8). ``TextEncoding/cp932`` converts with
/// iconv. A character that has no CP932 form (an emoji, a kanji outside JIS X 0208 and the
/// NEC/IBM extensions) is replaced by `〓` (U+3013 GETA MARK, the customary visible stand-in in
/// Japanese text) so that nothing silently disappears and columns never shift; Unicode
/// variation selectors, which only choose a glyph, are left out instead of becoming a second
/// `〓`. Either way the cell counts in ``substitutedCells`` and the first 100 such cells are
/// listed in ``substitutions`` for the export's report. glibc maps a few characters to a
/// near neighbour rather than failing (U+2014 EM DASH to `―`, U+301C WAVE DASH to `～`,
/// `¥` to byte 0x5C, which CP932 fonts show as `¥`); those are not counted.
///
/// Not `Sendable`: it owns the caller's output closure and an iconv descriptor, and is meant
/// to be used by one task from start to ``finish()``.
public struct CSVWriter {
    /// Buffered bytes are passed to the output once they reach this many.
    public static let flushThreshold = 64 * 1024
    /// How many substituted cells ``substitutions`` lists at most.
    public static let maximumListedSubstitutions = 100
    /// What stands in for a character that the output encoding lacks.
    public static let substituteCharacter: Character = "〓"

    private enum Sink {
        case output((UnsafeRawBufferPointer) throws -> Void)
        case memory
    }

    /// The output encoding.
    public let encoding: TextEncoding
    /// Whether text cells that look like formulas get a leading `'`.
    public let formulaSafe: Bool
    /// Whether a UTF-8 byte-order mark starts the output (ignored for CP932).
    public let byteOrderMark: Bool
    /// How many records have been written.
    public private(set) var recordsWritten = 0
    /// How many cells had at least one character replaced or left out because the encoding
    /// cannot represent it.
    public private(set) var substitutedCells = 0
    /// The first ``maximumListedSubstitutions`` of those cells, in order.
    public private(set) var substitutions: [CSVSubstitution] = []
    /// For a writer made with ``init(encoding:formulaSafe:byteOrderMark:)``: the encoded
    /// output, complete once ``finish()`` has been called. Always empty for other writers.
    public private(set) var data = Data()

    private let sink: Sink
    private var buffer: [UInt8] = []
    /// The current record as UTF-8, before conversion.
    private var record: CSVRecordBuilder
    private var cp932 = CP932RecordEncoder()

    /// Makes a writer that passes encoded bytes to `output` in pieces of about 64 KiB.
    ///
    /// The bytes are only valid during the call; `output` may throw to stop the writing
    /// (the error comes out of `write(_:)` or ``finish()``).
    public init(
        encoding: TextEncoding,
        formulaSafe: Bool = true,
        byteOrderMark: Bool = false,
        output: @escaping (UnsafeRawBufferPointer) throws -> Void
    ) {
        self.init(encoding: encoding, formulaSafe: formulaSafe, byteOrderMark: byteOrderMark, sink: .output(output))
    }

    /// Makes a writer that writes to an open file.
    public init(fileHandle: FileHandle, encoding: TextEncoding, formulaSafe: Bool = true, byteOrderMark: Bool = false) {
        self.init(encoding: encoding, formulaSafe: formulaSafe, byteOrderMark: byteOrderMark) { bytes in
            try fileHandle.write(contentsOf: bytes)
        }
    }

    /// Makes a writer that collects its output in ``data``.
    public init(encoding: TextEncoding, formulaSafe: Bool = true, byteOrderMark: Bool = false) {
        self.init(encoding: encoding, formulaSafe: formulaSafe, byteOrderMark: byteOrderMark, sink: .memory)
    }

    private init(encoding: TextEncoding, formulaSafe: Bool, byteOrderMark: Bool, sink: Sink) {
        self.encoding = encoding
        self.formulaSafe = formulaSafe
        self.byteOrderMark = byteOrderMark
        self.sink = sink
        record = CSVRecordBuilder(formulaSafe: formulaSafe)
        buffer.reserveCapacity(Self.flushThreshold + 4096)
        if encoding == .utf8 && byteOrderMark {
            buffer.append(contentsOf: [0xEF, 0xBB, 0xBF])
        }
    }

    /// Writes one record whose fields are all text (formula-guarded when formula-safe).
    public mutating func write(_ fields: [String]) throws {
        try writeRecord { record in
            for field in fields { record.text(field) }
        }
    }

    /// Writes one record, each cell written according to its kind (see ``CSVCell``).
    public mutating func write(_ cells: [CSVCell]) throws {
        try writeRecord { record in
            for cell in cells { record.append(cell) }
        }
    }

    /// Writes one record that `build` appends cell by cell, with the same quoting, formula
    /// guard and encoding as `write(_:)`: for records written by the million (an export's
    /// expense lines) without an array of cells, and with cells prepared once
    /// (``CSVPreparedCells``).
    public mutating func writeRecord(_ build: (inout CSVRecordBuilder) throws -> Void) throws {
        record.removeAll()
        try build(&record)
        try endRecord()
    }

    /// Passes everything still buffered to the output. Call it once all records are
    /// written; calling it again, or writing more afterwards, is harmless.
    public mutating func finish() throws {
        try flush()
    }

    private mutating func endRecord() throws {
        recordsWritten += 1
        record.endLine()
        if encoding == .utf8 || record.isASCII {
            // ASCII is identical in CP932, so most records skip iconv altogether.
            buffer.append(contentsOf: record.bytes)
        } else {
            let input = record.bytes  // a second reference, so `buffer` can be mutated meanwhile
            let starts = record.cellStarts
            let cells = try input.withUnsafeBufferPointer { bytes throws(CSVError) in
                try cp932.encode(bytes, cellStarts: starts, appendingTo: &buffer)
            }
            for column in cells {
                substitutedCells += 1
                if substitutions.count < Self.maximumListedSubstitutions {
                    substitutions.append(CSVSubstitution(recordNumber: recordsWritten, columnIndex: column))
                }
            }
        }
        if buffer.count >= Self.flushThreshold {
            try flush()
        }
    }

    private mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        switch sink {
        case .output(let output):
            try buffer.withUnsafeBytes { try output($0) }
        case .memory:
            data.append(contentsOf: buffer)
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// One CSV record being built, as UTF-8 before any conversion (see ``CSVWriter/writeRecord(_:)``).
public struct CSVRecordBuilder {
    let formulaSafe: Bool
    private(set) var bytes: [UInt8] = []
    /// Where each cell starts in `bytes`, so that a substituted character can name its column.
    private(set) var cellStarts: [Int] = []
    private(set) var isASCII = true

    init(formulaSafe: Bool) {
        self.formulaSafe = formulaSafe
        bytes.reserveCapacity(1024)
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        cellStarts.removeAll(keepingCapacity: true)
        isASCII = true
    }

    mutating func endLine() {
        bytes.append(CSVByte.carriageReturn)
        bytes.append(CSVByte.lineFeed)
    }

    /// A cell written according to its kind (see ``CSVCell``).
    public mutating func append(_ cell: CSVCell) {
        switch cell {
        case .text(let text): self.text(text)
        case .number(let number): self.number(number)
        case .raw(let text): raw(text)
        }
    }

    /// Text from users or the database, guarded against formulas when the writer is formula-safe.
    public mutating func text(_ text: String) {
        append(text, guarded: true)
    }

    /// Text the program formatted itself, written as given (quoted where it must be).
    public mutating func raw(_ text: String) {
        append(text, guarded: false)
    }

    /// An empty cell.
    public mutating func empty() {
        startCell()
    }

    /// An integer in decimal, as ``CSVCell/number(_:)``, without making a `String` of it.
    public mutating func number(_ value: Int64) {
        startCell()
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[start...].reverse()
    }

    /// Cells encoded once (by ``CSVPreparedCells``) for many records.
    public mutating func append(_ cells: CSVPreparedCells) {
        precondition(cells.formulaSafe == formulaSafe, "cells prepared for a writer that guards formulas differently")
        if !cellStarts.isEmpty { bytes.append(CSVByte.comma) }
        let offset = bytes.count
        for start in cells.cellStarts { cellStarts.append(offset + start) }
        bytes.append(contentsOf: cells.bytes)
        if !cells.isASCII { isASCII = false }
    }

    private mutating func startCell() {
        if !cellStarts.isEmpty { bytes.append(CSVByte.comma) }
        cellStarts.append(bytes.count)
    }

    private mutating func append(_ text: String, guarded: Bool) {
        startCell()
        var text = text
        text.withUTF8 { utf8 in
            guard let first = utf8.first else { return }
            var needsQuotes = false
            var highBits: UInt8 = 0
            for byte in utf8 {
                highBits |= byte
                if byte == CSVByte.comma || byte == CSVByte.quote
                    || byte == CSVByte.lineFeed || byte == CSVByte.carriageReturn {
                    needsQuotes = true
                }
            }
            if highBits >= 0x80 { isASCII = false }
            if needsQuotes { bytes.append(CSVByte.quote) }
            if guarded && formulaSafe && CSVByte.startsFormula(first) {
                bytes.append(CSVByte.apostrophe)
            }
            if needsQuotes {
                for byte in utf8 {
                    if byte == CSVByte.quote { bytes.append(CSVByte.quote) }
                    bytes.append(byte)
                }
                bytes.append(CSVByte.quote)
            } else {
                bytes.append(contentsOf: utf8)
            }
        }
    }
}

/// Cells encoded once and appended to many records (``CSVRecordBuilder/append(_:)-(CSVPreparedCells)``),
/// such as the constant start of every expense line row of one category and eligibility.
public struct CSVPreparedCells: Sendable {
    let bytes: [UInt8]
    let cellStarts: [Int]
    let isASCII: Bool
    let formulaSafe: Bool

    /// `formulaSafe` must be the writer's: the guard is applied here, once.
    public init(_ cells: [CSVCell], formulaSafe: Bool = true) {
        self.formulaSafe = formulaSafe
        var record = CSVRecordBuilder(formulaSafe: formulaSafe)
        for cell in cells { record.append(cell) }
        bytes = record.bytes
        cellStarts = record.cellStarts
        isASCII = record.isASCII
    }
}
