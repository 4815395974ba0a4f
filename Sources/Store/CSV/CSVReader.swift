import Foundation

/// Reads CSV records one at a time from a file or from bytes in memory.
///
/// The format is RFC 4180: fields separated by commas, optionally enclosed in `"`, with `""`
/// standing for one quote inside a quoted field; quoted fields may contain commas and line
/// breaks. Records end with LF or CRLF; the last one may have no line end. Blank lines are
/// skipped (a trailing one is not a record). A lone CR inside a field is kept as data.
///
/// The reader streams: it holds one chunk of the file (64 KiB by default), the record being
/// built and nothing else, so a file of millions of rows is read in flat memory. Input in
/// ``TextEncoding/cp932`` is converted to UTF-8 with iconv chunk by chunk; a UTF-8 byte-order
/// mark at the start of a ``TextEncoding/utf8`` file is dropped.
///
/// Malformed input and bytes that are invalid in the chosen encoding throw a ``CSVError``
/// naming the physical line, which is what staff see in an editor. After an error the reader
/// keeps throwing the same error: an import is all or nothing, and a structural error leaves
/// nothing trustworthy to read after it.
///
/// ```swift
/// var reader = try CSVReader(fileAtPath: path, encoding: .cp932)
/// while let record = try reader.next() {
///     print(record.line, record.fields)
/// }
/// ```
///
/// The reader is a value: a copy continues independently from the point where it was copied
/// (files are read with `pread` at an offset the reader keeps).
public struct CSVReader: Sendable {
    /// The chunk size used unless another is given: large enough that system calls and iconv
    /// calls cost nothing noticeable, small enough to stay in cache.
    public static let defaultChunkSize = 64 * 1024

    private var decoder: CSVInputDecoder
    /// The SHA-256 (hex) of the input's bytes as read; once `next()` has returned nil, the
    /// whole input's.
    public var sha256OfBytesRead: String { decoder.sha256OfBytesRead }
    private var parser: CSVParser
    /// The current chunk of UTF-8 bytes and how far the parser has got in it.
    private var chunk: [UInt8] = []
    private var position = 0
    private var failure: CSVError?
    private var finished = false

    /// Opens a file for reading.
    ///
    /// - Parameters:
    ///   - path: the file to read.
    ///   - encoding: how the file's bytes are encoded.
    ///   - chunkSize: how many bytes to read at a time; tests use tiny values to cut
    ///     characters and quotes at chunk boundaries.
    /// - Throws: ``CSVError`` with reason ``CSVError/Reason/unreadableFile(_:)`` (line 0) when
    ///   the file cannot be opened.
    public init(fileAtPath path: String, encoding: TextEncoding, chunkSize: Int = CSVReader.defaultChunkSize) throws(CSVError) {
        let source = try CSVByteSource(fileAtPath: path)
        self.init(source: source, encoding: encoding, chunkSize: chunkSize)
    }

    /// Reads CSV from bytes already in memory (an uploaded file, a test).
    public init(data: Data, encoding: TextEncoding, chunkSize: Int = CSVReader.defaultChunkSize) {
        self.init(source: CSVByteSource(data: data), encoding: encoding, chunkSize: chunkSize)
    }

    private init(source: CSVByteSource, encoding: TextEncoding, chunkSize: Int) {
        decoder = CSVInputDecoder(source: source, encoding: encoding, chunkSize: chunkSize)
        parser = CSVParser(encoding: encoding)
    }

    /// Returns the next record, or nil at the end of the input.
    ///
    /// - Throws: ``CSVError`` for malformed CSV, bytes invalid in the encoding, or a read
    ///   failure; every later call throws the same error.
    public mutating func next() throws(CSVError) -> CSVRecord? {
        if let failure { throw failure }
        do {
            return try advance()
        } catch {
            failure = error
            throw error
        }
    }

    private mutating func advance() throws(CSVError) -> CSVRecord? {
        guard !finished else { return nil }
        while true {
            if position < chunk.count {
                // A local reference to the bytes, so the parser (another stored property)
                // can be mutated while they are borrowed.
                let bytes = chunk
                var position = self.position
                let record = try bytes.withUnsafeBufferPointer { buffer throws(CSVError) in
                    try parser.consume(buffer, from: &position)
                }
                self.position = position
                if let record { return record }
                continue
            }
            position = 0
            let more: Bool
            do {
                more = try decoder.nextChunk(into: &chunk)
            } catch {
                // The source does not know lines; the parser does.
                throw CSVError(line: error.line == 0 ? parser.line : error.line, reason: error.reason)
            }
            if more { continue }
            if decoder.invalidBytesFollow {
                // Everything before the bad bytes has been parsed, so the parser's line is
                // the line they are on.
                throw CSVError(line: parser.line, reason: .invalidEncoding(decoder.encoding))
            }
            finished = true
            return try parser.finish()
        }
    }
}
