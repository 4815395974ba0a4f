import Foundation

/// A plain text table for the terminal that aligns columns by display width (full-width
/// Japanese characters take two columns); numbers align right. With a header, the header and
/// a rule of dashes come first; without one, only the rows (for label–figure listings).
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    private var header: [String]?
    private var alignments: [Alignment]
    private var rows: [[String]] = []

    public init(_ header: [String], alignments: [Alignment]? = nil) {
        self.header = header
        self.alignments = alignments ?? header.map { _ in .left }
    }

    /// A table without a header row.
    public init(alignments: [Alignment]) {
        self.header = nil
        self.alignments = alignments
    }

    public mutating func add(_ row: [String]) {
        rows.append(row)
    }

    /// True when no row was added.
    public var isEmpty: Bool { rows.isEmpty }

    public var rendered: String {
        lines().joined(separator: "\n")
    }

    /// The table's lines, each prefixed with `indent`, trailing blanks removed.
    public func lines(indent: String = "") -> [String] {
        let all = (header.map { [$0] } ?? []) + rows
        var widths = Array(repeating: 0, count: alignments.count)
        for row in all {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], Self.displayWidth(cell))
            }
        }
        func line(_ row: [String]) -> String {
            indent + row.enumerated().map { index, cell in
                guard index < widths.count else { return cell }
                let padding = String(repeating: " ", count: max(0, widths[index] - Self.displayWidth(cell)))
                return alignments[index] == .right ? padding + cell : cell + padding
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var lines: [String] = []
        if let header {
            lines = [line(header), indent + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        }
        return lines + rows.map(line)
    }

    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            let value = scalar.value
            let wide = (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value)
                || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
                || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
                || (0xFFE0...0xFFE6).contains(value) || (0x1F300...0x1FAFF).contains(value)
            return width + (wide ? 2 : 1)
        }
    }
}
