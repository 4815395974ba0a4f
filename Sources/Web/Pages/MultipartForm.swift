import Foundation
import Hummingbird

/// A `multipart/form-data` post (a file input and a few fields), as browsers send the upload
/// form. Small by design: fields become strings, the one file its bytes; nothing else of
/// RFC 7578 (nested parts, transfer encodings) is needed by our own form.
struct MultipartForm: Sendable {
    var fields: [String: String] = [:]
    var file: Data?
    var filename: String?

    static func read(_ request: Request, limit: Int) async throws -> MultipartForm {
        let type = request.headers[.contentType] ?? ""
        guard type.lowercased().hasPrefix("multipart/form-data"),
              let range = type.range(of: "boundary=") else {
            throw Problem(status: .unsupportedMediaType, type: "unsupported-media-type", title: "フォームの送信形式が違います")
        }
        let boundary = type[range.upperBound...].split(separator: ";")[0].trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        guard !boundary.isEmpty, boundary.count <= 200 else {
            throw Problem(status: .badRequest, type: "malformed-form", title: "フォームの内容を読み取れません")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw Problem(status: .contentTooLarge, type: "payload-too-large", title: "ファイルが大きすぎます（上限 64 MB）")
        }
        return try MultipartForm(body: Data(buffer: buffer), boundary: boundary)
    }

    init(body: Data, boundary: String) throws {
        let delimiter = Data("--\(boundary)".utf8)
        let malformed = Problem(status: .badRequest, type: "malformed-form", title: "フォームの内容を読み取れません")
        guard var cursor = body.range(of: delimiter)?.upperBound else { throw malformed }
        let separator = Data("\r\n\r\n".utf8)
        let next = Data("\r\n--\(boundary)".utf8)
        while true {
            // After a delimiter: "--" ends the form, otherwise CRLF and a part follows.
            if body[cursor...].starts(with: Data("--".utf8)) { return }
            guard body[cursor...].starts(with: Data("\r\n".utf8)) else { throw malformed }
            cursor += 2
            guard let headerEnd = body.range(of: separator, in: cursor..<body.endIndex),
                  let partEnd = body.range(of: next, in: headerEnd.upperBound..<body.endIndex) else { throw malformed }
            let headers = String(decoding: body[cursor..<headerEnd.lowerBound], as: UTF8.self)
            let content = body[headerEnd.upperBound..<partEnd.lowerBound]
            if let name = Self.parameter("name", in: headers) {
                if let filename = Self.parameter("filename", in: headers) {
                    if file == nil, !content.isEmpty {
                        file = Data(content)
                        self.filename = filename
                    }
                } else if fields[name] == nil {
                    fields[name] = String(decoding: content, as: UTF8.self)
                }
            }
            cursor = partEnd.upperBound
        }
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
