import Domain

/// Turns the raw bytes of a ``CSVByteSource`` into UTF-8, one chunk at a time.
///
/// UTF-8 input passes through untouched (its validity is checked per field by the parser,
/// which knows the line); a leading byte-order mark is dropped. CP932 input goes through
/// iconv chunk by chunk. Only a chunk and a few carried-over bytes are held at any time, so
/// memory stays flat however large the file is.
struct CSVInputDecoder: Sendable {
    private var source: CSVByteSource
    /// The SHA-256 (hex) of the raw bytes read so far, before any decoding.
    var sha256OfBytesRead: String { source.bytesRead.finalize().lowercaseHexadecimal }
    let encoding: TextEncoding
    private let chunkSize: Int
    /// CP932 bytes not yet converted: the tail of a multibyte character cut by a chunk end.
    private var carried: [UInt8] = []
    private var checkedByteOrderMark = false
    private var reachedEnd = false
    /// Set when the bytes after the last chunk handed out are invalid. The parser raises it
    /// once it has consumed that chunk, so its line count is then the line of the bad byte.
    private(set) var invalidBytesFollow = false

    init(source: CSVByteSource, encoding: TextEncoding, chunkSize: Int) {
        self.source = source
        self.encoding = encoding
        self.chunkSize = max(1, chunkSize)
    }

    /// Replaces `output` with the next UTF-8 bytes; returns false when there are no more
    /// (at the end of input, or because ``invalidBytesFollow``).
    mutating func nextChunk(into output: inout [UInt8]) throws(CSVError) -> Bool {
        output.removeAll(keepingCapacity: true)
        while output.isEmpty {
            if invalidBytesFollow || reachedEnd { return false }
            switch encoding {
            case .utf8: try readUTF8(into: &output)
            case .cp932: try readCP932(into: &output)
            }
        }
        return true
    }

    private mutating func readUTF8(into output: inout [UInt8]) throws(CSVError) {
        if try source.read(upTo: chunkSize, appendingTo: &output) == 0 { reachedEnd = true }
        guard !checkedByteOrderMark else { return }
        // The mark is 3 bytes and a chunk may be smaller: decide only once 3 bytes are seen.
        let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
        if output.count < 3 && !reachedEnd && output.elementsEqual(byteOrderMark.prefix(output.count)) {
            while output.count < 3, try source.read(upTo: 3 - output.count, appendingTo: &output) > 0 {}
            if output.count < 3 { reachedEnd = true }
        }
        checkedByteOrderMark = true
        if output.starts(with: byteOrderMark) { output.removeFirst(3) }
    }

    private mutating func readCP932(into output: inout [UInt8]) throws(CSVError) {
        var raw = carried
        carried.removeAll()
        if try source.read(upTo: chunkSize, appendingTo: &raw) == 0 {
            reachedEnd = true
            // A lead byte with no trail byte at the very end of the file.
            if !raw.isEmpty { invalidBytesFollow = true }
            return
        }
        // Opened per chunk rather than kept, so the reader holds no C state and stays
        // Sendable; CP932 has no shift states, and the only state between chunks (a cut
        // character) is carried explicitly.
        guard let converter = IconvConverter(to: "UTF-8", from: TextEncoding.cp932.iconvName) else {
            throw CSVError(line: 0, reason: .encodingUnavailable(.cp932))
        }
        let outcome = raw.withUnsafeBufferPointer { converter.convert($0, appendingTo: &output) }
        switch outcome {
        case .complete:
            break
        case .incomplete(let consumed):
            carried = Array(raw[consumed...])
        case .invalid:
            invalidBytesFollow = true
        }
    }
}
