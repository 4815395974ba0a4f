import Store

/// Writes rows of one table (claims, consortia) to an export file, streaming: CSV with a
/// header row (Japanese labels or English names), or a JSON array with one object per row on
/// its own line, keys in column order. Nothing but the current row is held.
struct TableWriter {
    private let file: ExportFile
    private let columns: [ExportColumn]
    private var csv: CSVWriter?
    private var rows = 0

    init(file: ExportFile, columns: [ExportColumn], format: ExportFormat, encoding: TextEncoding, headers: ExportHeaders) throws {
        self.file = file
        self.columns = columns
        switch format {
        case .csv:
            var writer = CSVWriter(encoding: encoding) { bytes in try file.write(bytes) }
            try writer.write(columns.map { headers == .ja ? $0.label : $0.name })
            csv = writer
        case .json:
            try file.write("[")
        }
    }

    /// Cells whose characters the encoding lacks (CSV in CP932 only), and where the first were.
    var substitutedCells: Int { csv?.substitutedCells ?? 0 }
    var substitutions: [CSVSubstitution] { csv?.substitutions ?? [] }

    mutating func write(_ values: [ExportValue]) throws {
        precondition(values.count == columns.count, "a row must have one value per column")
        rows += 1
        if csv != nil {
            try csv!.write(values.map(Self.csvCell))
            return
        }
        var json = rows == 1 ? "\n{" : ",\n{"
        for (index, value) in values.enumerated() {
            if index > 0 { json += "," }
            JSONText.appendString(columns[index].name, to: &json)
            json += ":"
            JSONText.append(value, to: &json)
        }
        json += "}"
        try file.write(json)
    }

    /// Ends the table; the file is then closed by its owner.
    mutating func finish() throws {
        if csv != nil {
            try csv!.finish()
        } else {
            try file.write(rows == 0 ? "]\n" : "\n]\n")
        }
    }

    static func csvCell(_ value: ExportValue) -> CSVCell {
        switch value {
        case .text(let text): .text(text)
        case .integer(let number): .number(number)
        case .decimal(let text): .raw(text)
        case .absent: .raw("")
        }
    }
}
