import Domain

/// `YYYY-MM-DD` without `String` formatting: the export writes two dates per expense line.
enum ISODate {
    static func text(_ date: LocalDate) -> String {
        String(unsafeUninitializedCapacity: 10) { buffer in
            func put(_ value: Int, at offset: Int, digits: Int) {
                var value = value
                for position in stride(from: offset + digits - 1, through: offset, by: -1) {
                    buffer[position] = UInt8(48 + value % 10)
                    value /= 10
                }
            }
            put(date.year, at: 0, digits: 4)
            buffer[4] = 45
            put(date.month, at: 5, digits: 2)
            buffer[7] = 45
            put(date.day, at: 8, digits: 2)
            return 10
        }
    }
}
