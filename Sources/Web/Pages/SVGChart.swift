/// Bar charts drawn on the server as SVG, for the dashboard and the bureau pages. They must
/// read when printed in black and white: bars are outlined and hatched rather than told apart
/// by colour, every bar carries its number, and a target is a dashed line with its value.
///
/// Each bar's label stands on its own line above the bar, at full length (wrapped, never
/// cut), and the chart is drawn at its own size (`width` CSS pixels) and only shrinks when
/// the page is narrower: labels stay at least 11 px even in the dashboard's two-column grid
/// and on a 375 px phone.
public enum SVGChart {
    public struct Bar: Sendable {
        public var label: String
        public var value: Int64
        /// A target to draw against the bar (KPI charts), if any.
        public var target: Int64?
        /// Text shown after the bar instead of the bare value, e.g. "45 / 50 (90.0%)".
        public var caption: String?

        public init(label: String, value: Int64, target: Int64? = nil, caption: String? = nil) {
            self.label = label
            self.value = value
            self.target = target
            self.caption = caption
        }
    }

    static let fontSize = 14
    /// Characters of a label on one line; Japanese text is about one font size per character.
    static let labelLineLength = 24

    /// Horizontal bars, one per row: the label, then the bar with its number after it.
    /// `scale` is the value the full bar length stands for (at least the largest value or
    /// target), so that a chart of rates can be drawn on 0–100%.
    public static func horizontalBars(title: String, bars: [Bar], width: Int = 360, scale: Int64? = nil) -> String {
        let captionWidth = max(40, bars.map { textWidth($0.caption ?? grouped($0.value), fontSize: fontSize - 1) }.max() ?? 40)
        // The bars keep at least 160 px however long the captions are: the chart grows instead.
        let width = max(width, captionWidth + 10 + 160)
        let plotWidth = width - captionWidth - 10
        let barHeight = 14
        let lineHeight = fontSize + 4
        let maximum = max(1, scale ?? 0, bars.map { max($0.value, $0.target ?? 0) }.max() ?? 1)
        // The hatch pattern's id differs between charts: several charts share one page.
        let pattern = "hatch-" + identifier(title + bars.map { "\($0.label)\u{1F}\($0.value)" }.joined(separator: "\u{1E}"))
        // The title wraps within the chart too: nothing may stick out of it on paper.
        let titleLines = wrap(title, length: max(8, width / (fontSize + 1)))
        var body = ""
        for (index, line) in titleLines.enumerated() {
            body += "<text x=\"0\" y=\"\(18 + index * (fontSize + 5))\" font-size=\"\(fontSize + 1)\" font-weight=\"bold\">\(escape(line))</text>"
        }
        var y = 30 + (titleLines.count - 1) * (fontSize + 5)
        if bars.isEmpty {
            body += "<text x=\"0\" y=\"\(y + fontSize)\" font-size=\"\(fontSize)\">データがありません</text>"
            y += lineHeight + 6
        }
        for bar in bars {
            let lines = wrap(bar.label)
            body += "<g><title>\(escape(bar.label))</title>"
            for line in lines {
                y += lineHeight
                body += "<text x=\"0\" y=\"\(y - 4)\" font-size=\"\(fontSize)\">\(escape(line))</text>"
            }
            let length = Int(Int64(plotWidth) * max(0, min(bar.value, maximum)) / maximum)
            body += "<rect x=\"0\" y=\"\(y)\" width=\"\(max(length, 1))\" height=\"\(barHeight)\" fill=\"url(#\(pattern))\" stroke=\"#000\" stroke-width=\"1\"/>"
            if let target = bar.target {
                let x = Int(Int64(plotWidth) * max(0, min(target, maximum)) / maximum)
                body += "<line x1=\"\(x)\" y1=\"\(y - 3)\" x2=\"\(x)\" y2=\"\(y + barHeight + 3)\" stroke=\"#000\" stroke-width=\"2\" stroke-dasharray=\"4 2\"/>"
            }
            // After the plot, never over it: a target at the end of the scale stays clear of it.
            let caption = bar.caption ?? Self.grouped(bar.value)
            body += "<text x=\"\(plotWidth + 10)\" y=\"\(y + barHeight - 2)\" font-size=\"\(fontSize - 1)\">\(escape(caption))</text></g>"
            y += barHeight + 10
        }
        let height = y + 4
        return """
        <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="\(escape(title))" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" class="chart">
        <defs><pattern id="\(pattern)" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#333" stroke-width="2"/></pattern></defs>
        """ + body + "</svg>"
    }

    /// A label in lines of at most `labelLineLength` characters, broken after a 、，・ or
    /// space where one is near the end of a line.
    static func wrap(_ label: String, length: Int = labelLineLength) -> [String] {
        var lines: [String] = []
        var rest = Substring(label)
        while rest.count > length {
            let window = rest.prefix(length)
            let cut = window.lastIndex { "、，,・ 　/：:".contains($0) }.map { rest.index(after: $0) }
            let end = cut.flatMap { rest.distance(from: rest.startIndex, to: $0) >= length / 2 ? $0 : nil } ?? window.endIndex
            lines.append(String(rest[..<end]))
            rest = rest[end...]
        }
        if !rest.isEmpty || lines.isEmpty { lines.append(String(rest)) }
        return lines
    }

    /// About how wide a text is drawn: a font size for each full-width character, 0.6 of one
    /// for ASCII.
    static func textWidth(_ text: String, fontSize: Int) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in width + (scalar.isASCII ? fontSize * 6 / 10 : fontSize) }
    }

    /// A short stable name for an id (FNV-1a of the text, in hex).
    static func identifier(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    /// Digits with thousands separators, for labels.
    static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return value < 0 ? "-" + result : result
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
