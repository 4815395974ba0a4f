/// The RFC 4180 state machine behind ``CSVReader``, working on UTF-8 bytes.
///
/// It is fed chunks of bytes and keeps its state between them, so a field, a quote pair or
/// a CRLF may be cut anywhere by a chunk boundary. Delimiters are ASCII and never occur
/// inside a UTF-8 multibyte character, so scanning bytes is exact; the inner loops scan runs
/// of ordinary bytes and copy them in bulk, which is what makes millions of rows fast.
struct CSVParser: Sendable {
    private enum State: Sendable {
        /// Before the first byte of a record (or of a blank line, which is skipped).
        case recordStart
        /// At the start of a field after a comma, or the first field once a byte is seen.
        case fieldStart
        case unquoted
        case quoted
        /// A `"` inside a quoted field: either the first of `""` or the closing quote.
        case quoteInQuoted
        /// A CR outside quotes: a line end if LF follows, otherwise a data byte.
        case carriageReturn
        /// A CR right after a closing quote: only LF may follow.
        case carriageReturnAfterQuote
        /// The input is exhausted (or an error was thrown).
        case done
    }

    private let encoding: TextEncoding
    private var state = State.recordStart
    /// The physical line the next byte is on.
    private(set) var line = 1
    private var recordLine = 1
    private var fieldLine = 1
    private var field: [UInt8] = []
    private var fields: [String] = []
    /// The previous record's width, to size the next record's array once.
    private var expectedFieldCount = 8

    init(encoding: TextEncoding) {
        self.encoding = encoding
        field.reserveCapacity(256)
    }

    /// Consumes bytes of `buffer` from `position`; returns a record as soon as one is
    /// complete (with `position` just past its line end) or nil when the buffer is used up.
    mutating func consume(_ buffer: UnsafeBufferPointer<UInt8>, from position: inout Int) throws(CSVError) -> CSVRecord? {
        var index = position
        defer { position = index }
        let count = buffer.count
        // Byte reads go through the raw pointer: UnsafePointer's subscript is inlined even in
        // debug builds, where the buffer's checked subscript made the tests ten times slower.
        guard let bytes = buffer.baseAddress else { return nil }
        while index < count {
            switch state {
            case .recordStart:
                let byte = bytes[index]
                if byte == CSVByte.lineFeed {  // a blank line
                    line += 1
                    index += 1
                    continue
                }
                recordLine = line
                fields.reserveCapacity(expectedFieldCount)
                state = .fieldStart
            case .fieldStart:
                fieldLine = line
                let byte = bytes[index]
                if byte == CSVByte.quote {
                    state = .quoted
                    index += 1
                } else if byte == CSVByte.comma {
                    try endField()
                    index += 1
                } else if byte == CSVByte.lineFeed {  // an empty last field after a comma
                    index += 1
                    return try endRecord()
                } else if byte == CSVByte.carriageReturn {
                    state = .carriageReturn
                    index += 1
                } else {
                    state = .unquoted
                }
            case .unquoted:
                var end = index
                while end < count {
                    let byte = bytes[end]
                    // Most bytes are above the comma (letters, digits, all of UTF-8's
                    // multibyte range); one comparison settles them.
                    if byte > CSVByte.comma || (byte != CSVByte.comma && byte != CSVByte.lineFeed
                        && byte != CSVByte.carriageReturn && byte != CSVByte.quote) {
                        end += 1
                    } else {
                        break
                    }
                }
                field.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[index..<end]))
                index = end
                guard end < count else { break }
                index += 1
                if try endsRecord(after: bytes[end], carriageReturn: .carriageReturn, otherwise: .quoteInUnquotedField) {
                    return try endRecord()
                }
            case .quoted:
                var end = index
                var lineFeeds = 0
                while end < count {
                    let byte = bytes[end]
                    if byte == CSVByte.quote { break }
                    if byte == CSVByte.lineFeed { lineFeeds += 1 }
                    end += 1
                }
                line += lineFeeds
                field.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[index..<end]))
                index = end
                if end < count {
                    index += 1
                    state = .quoteInQuoted
                }
            case .quoteInQuoted:
                let byte = bytes[index]
                index += 1
                if byte == CSVByte.quote {  // "" is one quote
                    field.append(CSVByte.quote)
                    state = .quoted
                } else if try endsRecord(after: byte, carriageReturn: .carriageReturnAfterQuote, otherwise: .textAfterClosingQuote) {
                    return try endRecord()
                }
            case .carriageReturn:
                if bytes[index] == CSVByte.lineFeed {
                    index += 1
                    if fields.isEmpty && field.isEmpty {  // a blank CRLF line
                        line += 1
                        state = .recordStart
                        continue
                    }
                    return try endRecord()
                }
                // A lone CR is data; the byte after it is handled as part of the field.
                field.append(CSVByte.carriageReturn)
                state = .unquoted
            case .carriageReturnAfterQuote:
                guard bytes[index] == CSVByte.lineFeed else {
                    state = .done
                    throw CSVError(line: line, reason: .textAfterClosingQuote)
                }
                index += 1
                return try endRecord()
            case .done:
                index = count
            }
        }
        return nil
    }

    /// Called once the input is exhausted: returns the last record if it had no line end.
    mutating func finish() throws(CSVError) -> CSVRecord? {
        defer { state = .done }
        switch state {
        case .recordStart, .done:
            return nil
        case .quoted:
            throw CSVError(line: fieldLine, reason: .unterminatedQuote)
        case .carriageReturn where fields.isEmpty && field.isEmpty:
            return nil  // a blank line ending in a lone CR at the end of the file
        case .fieldStart, .unquoted, .quoteInQuoted, .carriageReturn, .carriageReturnAfterQuote:
            // A final CR is taken as the line end, not as data.
            try endField()
            return CSVRecord(line: recordLine, fields: takeFields())
        }
    }

    /// Takes the byte after a field's text (unquoted, or after the closing quote): a comma ends
    /// the field, a line feed the record (true: the caller completes it), a carriage return
    /// moves to `carriageReturn`; any other byte is the error `otherwise`.
    @inline(__always)
    private mutating func endsRecord(
        after byte: UInt8, carriageReturn: State, otherwise problem: CSVError.Reason
    ) throws(CSVError) -> Bool {
        if byte == CSVByte.comma {
            try endField()
            state = .fieldStart
        } else if byte == CSVByte.lineFeed {
            return true
        } else if byte == CSVByte.carriageReturn {
            state = carriageReturn
        } else {
            state = .done
            throw CSVError(line: line, reason: problem)
        }
        return false
    }

    /// Completes a record whose line feed was just consumed.
    private mutating func endRecord() throws(CSVError) -> CSVRecord {
        try endField()
        let record = CSVRecord(line: recordLine, fields: takeFields())
        line += 1
        state = .recordStart
        return record
    }

    private mutating func takeFields() -> [String] {
        let result = fields
        expectedFieldCount = result.count
        fields = []
        return result
    }

    private mutating func endField() throws(CSVError) {
        if field.isEmpty {
            fields.append("")
            return
        }
        // Only UTF-8 input can be malformed here; iconv's output is always valid.
        let invalidOffset = encoding == .utf8
            ? field.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset(in: $0) }
            : nil
        if let invalidOffset {
            state = .done
            // The field may span lines: name the line the bad byte is on.
            let lineFeeds = field[..<invalidOffset].reduce(0) { $1 == CSVByte.lineFeed ? $0 + 1 : $0 }
            throw CSVError(line: fieldLine + lineFeeds, reason: .invalidEncoding(.utf8))
        }
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
    }
}
