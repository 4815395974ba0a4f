/// Bar charts drawn on the server as SVG, for the dashboard and the bureau pages. They must
/// read when printed in black and white: bars are outlined and hatched rather than told apart
/// by colour, every bar carries its number, and a target is a dashed line with its value.
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

    /// Horizontal bars, one per row, with labels on the left and values on the right.
    public static func horizontalBars(title: String, bars: [Bar], width: Int = 640) -> String {
        let rowHeight = 26
        let labelWidth = 190
        let valueWidth = 150
        let plotWidth = max(80, width - labelWidth - valueWidth - 20)
        let height = 36 + max(1, bars.count) * rowHeight + 8
        let maximum = max(1, bars.map { max($0.value, $0.target ?? 0) }.max() ?? 1)
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="\(escape(title))" viewBox="0 0 \(width) \(height)" width="100%" class="chart">
        <defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#333" stroke-width="2"/></pattern></defs>
        <text x="0" y="18" font-size="15" font-weight="bold">\(escape(title))</text>
        """
        if bars.isEmpty {
            svg += "<text x=\"0\" y=\"50\" font-size=\"13\">データがありません</text>"
        }
        for (index, bar) in bars.enumerated() {
            let y = 32 + index * rowHeight
            let length = Int(Int64(plotWidth) * max(0, bar.value) / maximum)
            svg += """
            <text x="\(labelWidth - 8)" y="\(y + 16)" font-size="13" text-anchor="end">\(escape(bar.label))</text>
            <rect x="\(labelWidth)" y="\(y + 4)" width="\(max(length, 1))" height="\(rowHeight - 10)" fill="url(#hatch)" stroke="#000" stroke-width="1"/>
            """
            if let target = bar.target {
                let x = labelWidth + Int(Int64(plotWidth) * max(0, target) / maximum)
                svg += "<line x1=\"\(x)\" y1=\"\(y + 1)\" x2=\"\(x)\" y2=\"\(y + rowHeight - 3)\" stroke=\"#000\" stroke-width=\"2\" stroke-dasharray=\"4 2\"/>"
            }
            let caption = bar.caption ?? Self.grouped(bar.value)
            svg += "<text x=\"\(labelWidth + plotWidth + 8)\" y=\"\(y + 16)\" font-size=\"13\">\(escape(caption))</text>"
        }
        return svg + "</svg>"
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
