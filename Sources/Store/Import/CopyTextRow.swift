/// Builds rows in COPY's text format: tab-separated, `\N` for NULL, and backslash, tab,
/// newline and carriage return escaped, so any cell text passes through unchanged.
struct CopyTextRow {
    private(set) var bytes: [UInt8] = []
    private var fieldsInRow = 0

    mutating func append(_ value: String?) {
        if fieldsInRow > 0 { bytes.append(9) }
        fieldsInRow += 1
        guard let value else {
            bytes.append(contentsOf: [92, 78]) // \N
            return
        }
        for byte in value.utf8 {
            switch byte {
            case 92: bytes.append(contentsOf: [92, 92])
            case 9: bytes.append(contentsOf: [92, 116])
            case 10: bytes.append(contentsOf: [92, 110])
            case 13: bytes.append(contentsOf: [92, 114])
            default: bytes.append(byte)
            }
        }
    }

    mutating func append(_ value: Int64?) {
        append(value.map { String($0) })
    }

    mutating func endRow() {
        bytes.append(10)
        fieldsInRow = 0
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        fieldsInRow = 0
    }
}
