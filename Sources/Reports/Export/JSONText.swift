/// Just enough JSON writing for rows whose keys and values the program controls.
enum JSONText {
    static func append(_ value: ExportValue, to json: inout String) {
        switch value {
        case .text(let text): appendString(text, to: &json)
        case .integer(let number): json += String(number)
        case .decimal(let text): json += text
        case .absent: json += "null"
        }
    }

    /// A JSON string literal (RFC 8259): quote, backslash and control characters escaped.
    static func appendString(_ text: String, to json: inout String) {
        json += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case "\n": json += "\\n"
            case "\r": json += "\\r"
            case "\t": json += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                json += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: json.unicodeScalars.append(scalar)
            }
        }
        json += "\""
    }
}
