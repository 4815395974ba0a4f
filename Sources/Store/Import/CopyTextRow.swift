import Domain

/// Builds rows in COPY's text format: tab-separated, `\N` for NULL, and backslash, tab,
/// newline and carriage return escaped, so any cell text passes through unchanged.
///
/// An expense import writes every line of a file through here: cells without a byte to
/// escape (nearly all) are copied whole, and numbers and dates are written as digits
/// without making a String first.
struct CopyTextRow {
    private(set) var bytes: [UInt8] = []
    private var fieldsInRow = 0

    mutating func append(_ value: String?) {
        startField()
        guard var value else {
            appendNull()
            return
        }
        value.withUTF8 { cell in
            guard cell.contains(where: Self.needsEscape) else {
                bytes.append(contentsOf: cell)
                return
            }
            for byte in cell {
                switch byte {
                case 92: bytes.append(contentsOf: [92, 92])
                case 9: bytes.append(contentsOf: [92, 116])
                case 10: bytes.append(contentsOf: [92, 110])
                case 13: bytes.append(contentsOf: [92, 114])
                default: bytes.append(byte)
                }
            }
        }
    }

    mutating func append(_ value: Int64?) {
        startField()
        guard let value else {
            appendNull()
            return
        }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        // The magnitude as UInt64: Int64.min has no positive Int64. Digits come out last
        // first and are put in order afterwards.
        var magnitude = value.magnitude
        let firstDigit = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[firstDigit...].reverse()
    }

    mutating func append(_ date: LocalDate?) {
        startField()
        guard let date else {
            appendNull()
            return
        }
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: 10))
        bytes.withUnsafeMutableBufferPointer { buffer in
            date.writeISO(into: UnsafeMutableBufferPointer(rebasing: buffer[start..<start + 10]))
        }
    }

    mutating func endRow() {
        bytes.append(10)
        fieldsInRow = 0
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        fieldsInRow = 0
    }

    private mutating func startField() {
        if fieldsInRow > 0 { bytes.append(9) }
        fieldsInRow += 1
    }

    private mutating func appendNull() {
        bytes.append(92)  // \N
        bytes.append(78)
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == 92 || byte == 9 || byte == 10 || byte == 13
    }
}
