import Domain
import Postgres

/// Reads one row of COPY's text format (tab-separated, `\N` for NULL, backslash escapes)
/// into reusable storage, and decodes its fields without going through `String` where the
/// value is a number or a date: the export reads a million of these.
struct CopyTextRowReader {
    private var storage: [UInt8] = []
    /// Start and end of each field in `storage`; start −1 marks NULL.
    private var bounds: [(start: Int, end: Int)] = []

    init() {
        storage.reserveCapacity(512)
        bounds.reserveCapacity(16)
    }

    var count: Int { bounds.count }

    /// Splits one row (its trailing newline optional) into fields. Runs of plain bytes are
    /// copied in one piece; only tabs and backslashes are looked at one by one.
    mutating func read(_ row: UnsafeRawBufferPointer) {
        storage.removeAll(keepingCapacity: true)
        bounds.removeAll(keepingCapacity: true)
        guard let base = row.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            bounds.append((0, 0))
            return
        }
        var end = row.count
        if end > 0 && base[end - 1] == 10 { end -= 1 }
        var index = 0
        var start = 0
        var isNull = false
        while true {
            var scan = index
            while scan < end && base[scan] != 9 && base[scan] != 92 { scan += 1 }
            if scan > index { storage.append(contentsOf: UnsafeBufferPointer(start: base + index, count: scan - index)) }
            if scan >= end || base[scan] == 9 {
                bounds.append(isNull ? (-1, -1) : (start, storage.count))
                guard scan < end else { return }
                start = storage.count
                isNull = false
                index = scan + 1
                continue
            }
            // A backslash escape.
            guard scan + 1 < end else {
                storage.append(92)
                index = scan + 1
                continue
            }
            switch base[scan + 1] {
            case 78: isNull = true  // \N
            case 110: storage.append(10)
            case 116: storage.append(9)
            case 114: storage.append(13)
            case 98: storage.append(8)
            case 102: storage.append(12)
            case 118: storage.append(11)
            case let other: storage.append(other)  // \\ and any other escaped character
            }
            index = scan + 2
        }
    }

    func string(_ field: Int) -> String? {
        let (start, end) = bounds[field]
        guard start >= 0 else { return nil }
        return storage.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    func int64(_ field: Int) -> Int64? {
        let (start, end) = bounds[field]
        guard start >= 0, start < end else { return nil }
        var value: Int64 = 0
        var index = start
        let negative = storage[index] == 45
        if negative { index += 1 }
        while index < end {
            let digit = storage[index] &- 48
            guard digit < 10 else { return nil }
            value = value * 10 + Int64(digit)
            index += 1
        }
        return negative ? -value : value
    }

    /// A field of `expenses` that must hold a value: NULL, or text `read` refuses, is a decoding
    /// error naming the column; no field becomes a default.
    func required<Value>(_ field: Int, _ column: String, _ read: (Self, Int) -> Value?) throws -> Value {
        guard let value = read(self, field) else {
            throw PostgresError(kind: .decoding, message: "cannot decode column expenses.\(column) in the export stream", table: "expenses", column: column)
        }
        return value
    }

    /// NULL is nil; text `read` refuses is a decoding error naming the column.
    func optional<Value>(_ field: Int, _ column: String, _ read: (Self, Int) -> Value?) throws -> Value? {
        bounds[field].start < 0 ? nil : try required(field, column, read)
    }

    /// A `date` column in ISO form.
    func date(_ field: Int) -> LocalDate? {
        let (start, end) = bounds[field]
        guard start >= 0, end - start == 10 else { return nil }
        func number(_ from: Int, _ to: Int) -> Int {
            var value = 0
            for index in from..<to { value = value * 10 + Int(storage[index] &- 48) }
            return value
        }
        return LocalDate(year: number(start, start + 4), month: number(start + 5, start + 7), day: number(start + 8, start + 10))
    }
}
