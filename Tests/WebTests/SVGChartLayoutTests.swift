import Foundation
import Testing
@testable import Web

/// The charts read on paper, in the dashboard's narrow columns and on a phone (issue #16
/// items 5 and 10): ids unique per chart, labels never under 11 px, long names whole.
@Suite struct SVGChartLayoutTests {
    static func attribute(_ name: String, in svg: String) -> [String] {
        svg.matches(of: try! Regex("\(name)=\"([^\"]*)\"")).compactMap { $0.output[1].substring.map(String.init) }
    }

    @Test func everyChartHasItsOwnPatternId() {
        let first = SVGChart.horizontalBars(title: "取組の件数", bars: [.init(label: "セミナー", value: 3)])
        let second = SVGChart.horizontalBars(title: "参加者数", bars: [.init(label: "学生", value: 30)])
        let ids = Self.attribute("id", in: first) + Self.attribute("id", in: second)
        #expect(ids.count == 2 && Set(ids).count == 2)
        #expect(first.contains("url(#\(ids[0]))") && second.contains("url(#\(ids[1]))"))
        #expect(!first.contains("id=\"hatch\""))
    }

    @Test func labelsStayAtLeastElevenPixelsInANarrowColumn() throws {
        let svg = SVGChart.horizontalBars(title: "参加企業の業種別", bars: [.init(label: "製造業", value: 12, caption: "12社")])
        let width = try #require(Self.attribute("width", in: svg).first.flatMap(Double.init))
        // The smallest the chart is drawn: a 320 px column of the dashboard's grid.
        let scale = min(1, 320 / width)
        let sizes = Self.attribute("font-size", in: svg).compactMap(Double.init)
        #expect(!sizes.isEmpty && sizes.allSatisfy { $0 * scale >= 11 }, "font sizes \(sizes) at scale \(scale)")
    }

    @Test func aLongIndustryNameIsWrappedWholeAndCarriesItsFullText() {
        let name = "学術研究，専門・技術サービス業（他に分類されないもの及び純粋持株会社を含む）"
        let svg = SVGChart.horizontalBars(title: "業種", bars: [.init(label: name, value: 1)])
        #expect(svg.contains("<title>\(name)</title>"))
        let lines = SVGChart.wrap(name)
        #expect(lines.count >= 2 && lines.joined() == name && lines.allSatisfy { $0.count <= SVGChart.labelLineLength })
        #expect(lines[0].hasSuffix("，") || lines[0].count == SVGChart.labelLineLength)
    }

    @Test func aRateIsDrawnOnItsOwnScaleAndItsTargetClearOfTheCaption() throws {
        let svg = SVGChart.horizontalBars(title: "割合", bars: [.init(label: "定着率", value: 786, target: 1000, caption: "78.6% / 目標 100.0%")],
                                          scale: 1000)
        let rect = try #require(svg.firstMatch(of: /<rect x="0" y="\d+" width="(\d+)"/))
        let line = try #require(svg.firstMatch(of: /<line x1="(\d+)"[^>]*stroke-dasharray/))
        let caption = try #require(svg.firstMatch(of: /<text x="(\d+)"[^>]*>78\.6%/))
        let plot = try #require(Int(line.output.1))
        #expect(abs(Int(rect.output.1)! * 1000 / plot - 786) <= 1, "78.6% of the scale, not of the largest bar")
        #expect(Int(caption.output.1)! > plot + 5, "the caption starts after the target line")
    }
}
