import Foundation
import Hummingbird

/// A `multipart/form-data` post (a file input and a few fields), as browsers send the upload
/// form, read as it arrives: fields become strings, the one file goes straight to a file on
/// disk, so a large upload never sits in memory. Browsers send the parts in the order of the
/// form, and our form puts its token and the import kind before the file: `beforeFile` checks
/// them before a byte of the file is read. Small by design: nothing else of RFC 7578 (nested
/// parts, transfer encodings) is needed by our own form.
struct MultipartForm: Sendable {
    var fields: [String: String] = [:]
    /// The file input's name as the browser sent it; nil when no file was chosen.
    var filename: String?
    /// Bytes of the file written to the path given to `read`.
    var fileSize = 0

    /// Field bytes at most (the file not counted): ours are a token and a few choices.
    static let fieldLimit = 64 * 1024
    /// Header bytes of one part at most.
    static let partHeaderLimit = 8 * 1024

    /// Reads the form, the file's content into `path`. `beforeFile` gets the fields that came
    /// before the file (all of them when there is no file) and throws to refuse the post.
    /// More than `limit` bytes in all is a 413.
    static func read(
        _ request: Request, limit: Int, fileTo path: String, beforeFile: ([String: String]) throws -> Void
    ) async throws -> MultipartForm {
        let boundary = try boundary(request.headers[.contentType] ?? "")
        let tooLarge = Problem(status: .contentTooLarge, type: "payload-too-large", title: "ファイルが大きすぎます（上限 \(limit >> 20) MB）")
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit { throw tooLarge }
        guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
            throw Problem(status: .internalServerError, type: "internal", title: "サーバーで問題が起きました")
        }
        defer { try? file.close() }
        var parser = Parser(boundary: boundary, file: file)
        var received = 0
        try await request.forEachBodyPart { buffer in
            received += buffer.readableBytes
            if received > limit { throw tooLarge }
            try parser.consume(Array(buffer.readableBytesView), beforeFile: beforeFile)
        }
        return try parser.finish(beforeFile: beforeFile)
    }

    private static func boundary(_ contentType: String) throws -> String {
        guard contentType.lowercased().hasPrefix("multipart/form-data"), let range = contentType.range(of: "boundary=") else {
            throw Problem(status: .unsupportedMediaType, type: "unsupported-media-type", title: "フォームの送信形式が違います")
        }
        let boundary = contentType[range.upperBound...].split(separator: ";").first.map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        } ?? ""
        guard !boundary.isEmpty, boundary.count <= 200 else { throw malformed }
        return boundary
    }

    static let malformed = Problem(status: .badRequest, type: "malformed-form", title: "フォームの内容を読み取れません")

    /// The parts as their bytes arrive. Content is passed on up to the last few bytes, which
    /// may be the start of the next delimiter.
    private struct Parser {
        enum State {
            case preamble
            case afterDelimiter
            case headers
            case field(String)
            case file
            case skipped
            case done
        }

        let delimiter: [UInt8]
        let file: FileHandle
        var state = State.preamble
        var pending: [UInt8] = []
        var form = MultipartForm()
        var fieldValue: [UInt8] = []
        var fieldBytes = 0
        var checked = false

        init(boundary: String, file: FileHandle) {
            delimiter = Array("\r\n--\(boundary)".utf8)
            self.file = file
        }

        mutating func consume(_ bytes: [UInt8], beforeFile: ([String: String]) throws -> Void) throws {
            pending.append(contentsOf: bytes)
            while try step(beforeFile) {}
        }

        mutating func finish(beforeFile: ([String: String]) throws -> Void) throws -> MultipartForm {
            guard case .done = state else { throw MultipartForm.malformed }
            try check(beforeFile)
            return form
        }

        /// One move of the state machine; false when it needs more bytes.
        private mutating func step(_ beforeFile: ([String: String]) throws -> Void) throws -> Bool {
            switch state {
            case .preamble:
                // The first delimiter may open the body without the line break before it.
                let first = Array(delimiter.dropFirst(2))
                guard let range = pending.firstRange(of: first) else {
                    if pending.count > MultipartForm.partHeaderLimit { throw MultipartForm.malformed }
                    return false
                }
                pending.removeSubrange(..<range.upperBound)
                state = .afterDelimiter
                return true
            case .afterDelimiter:
                guard pending.count >= 2 else { return false }
                if pending.starts(with: Array("--".utf8)) {
                    state = .done
                    pending.removeAll()
                    return false
                }
                guard pending.starts(with: Array("\r\n".utf8)) else { throw MultipartForm.malformed }
                pending.removeFirst(2)
                state = .headers
                return true
            case .headers:
                guard let end = pending.firstRange(of: Array("\r\n\r\n".utf8)) else {
                    if pending.count > MultipartForm.partHeaderLimit { throw MultipartForm.malformed }
                    return false
                }
                let headers = String(decoding: pending[..<end.lowerBound], as: UTF8.self)
                pending.removeSubrange(..<end.upperBound)
                try begin(headers: headers, beforeFile)
                return true
            case .field, .file, .skipped:
                if let range = pending.firstRange(of: delimiter) {
                    try take(pending[..<range.lowerBound])
                    pending.removeSubrange(..<range.upperBound)
                    try endPart()
                    state = .afterDelimiter
                    return true
                }
                let safe = pending.count - (delimiter.count - 1)
                if safe > 0 {
                    try take(pending[..<safe])
                    pending.removeFirst(safe)
                }
                return false
            case .done:
                pending.removeAll()
                return false
            }
        }

        private mutating func begin(headers: String, _ beforeFile: ([String: String]) throws -> Void) throws {
            guard let name = Self.parameter("name", in: headers) else {
                state = .skipped
                return
            }
            if let filename = Self.parameter("filename", in: headers) {
                // The form's token and kind have come by now: check them before the file.
                try check(beforeFile)
                if form.filename == nil {
                    form.filename = filename
                    state = .file
                } else {
                    state = .skipped
                }
            } else if form.fields[name] == nil {
                fieldValue = []
                state = .field(name)
            } else {
                state = .skipped
            }
        }

        private mutating func take(_ bytes: ArraySlice<UInt8>) throws {
            switch state {
            case .field:
                fieldBytes += bytes.count
                if fieldBytes > MultipartForm.fieldLimit {
                    throw Problem(status: .contentTooLarge, type: "payload-too-large", title: "フォームの項目が大きすぎます")
                }
                fieldValue.append(contentsOf: bytes)
            case .file:
                form.fileSize += bytes.count
                try file.write(contentsOf: Data(bytes))
            default:
                break
            }
        }

        private mutating func endPart() throws {
            if case .field(let name) = state {
                form.fields[name] = String(decoding: fieldValue, as: UTF8.self)
                fieldValue = []
            }
            if case .file = state, form.fileSize == 0 {
                // An empty file input: the browser sends the part with no content.
                form.filename = nil
            }
        }

        private mutating func check(_ beforeFile: ([String: String]) throws -> Void) throws {
            guard !checked else { return }
            checked = true
            try beforeFile(form.fields)
        }

        /// A `name="value"` parameter of the part's Content-Disposition header.
        private static func parameter(_ name: String, in headers: String) -> String? {
            for line in headers.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
                guard let start = line.range(of: " \(name)=\"") ?? line.range(of: ";\(name)=\"") else { return nil }
                let rest = line[start.upperBound...]
                return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
            }
            return nil
        }
    }
}
