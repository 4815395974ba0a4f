import Testing
@testable import Web

@Suite struct SVGChartTests {
    @Test func barsCarryTheirNumbersAndTargetsAndEscapeLabels() {
        let svg = SVGChart.horizontalBars(title: "KPI <達成>", bars: [
            .init(label: "相談件数", value: 1_234, target: 2_000),
            .init(label: "A&B", value: 0, caption: "0 / 15 (0.0%)"),
        ])
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.contains("1,234"))
        #expect(svg.contains("stroke-dasharray"))
        #expect(svg.contains("KPI &lt;達成&gt;"))
        #expect(svg.contains("A&amp;B"))
        #expect(svg.contains("0 / 15 (0.0%)"))
        #expect(!svg.contains("<script"))
    }

    @Test func anEmptyChartSaysSo() {
        #expect(SVGChart.horizontalBars(title: "t", bars: []).contains("データがありません"))
    }
}
