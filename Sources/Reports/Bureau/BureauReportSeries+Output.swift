import Domain
import Foundation
import Store

extension BureauReportSeries {
    /// One object: `from_fiscal_year`, `to_fiscal_year`, `bureau`, `as_of`, `reports` (each
    /// year's object exactly as the one-year `report bureau --format json` writes it, oldest
    /// first) and `year_on_year` (each later year against the one before).
    public func json() throws -> Data {
        try JSONReportEncoder.encode(Document(self))
    }

    /// Each year's rows with the year first (`fiscal_year,metric,key,label,value`), then the
    /// changes from the year before as metric `change_from_previous_year`.
    public func csv() throws -> Data {
        var writer = CSVWriter(encoding: .utf8)
        try writer.write(["fiscal_year", "metric", "key", "label", "value"])
        for report in reports {
            for row in report.rows() {
                try writer.write([.number(Int64(report.fiscalYear.startYear)), .text(row.metric), .text(row.key), .text(row.label),
                                  TableWriter.csvCell(row.value)])
            }
        }
        for comparison in yearOnYear {
            let year = CSVCell.number(Int64(comparison.fiscalYear.startYear))
            for figure in comparison.figures {
                try writer.write([year, .text("change_from_previous_year"), .text(figure.key), .text("前年度比 \(figure.label)"),
                                  .number(figure.change)])
            }
            for rate in comparison.rates {
                for (which, ratio) in [("previous", rate.previous), ("current", rate.current)] {
                    try writer.write([year, .text("rate_\(which)"), .text(rate.key),
                                      .text("\(which == "previous" ? "前年度" : "当年度") \(rate.label)"),
                                      TableWriter.csvCell(.decimalOrAbsent(ratio.decimalString(fractionDigits: 4)))])
                }
            }
        }
        try writer.finish()
        return writer.data
    }

    /// Each year's report, then the year-on-year table.
    public var text: String {
        var out = reports.map(\.text)
        for comparison in yearOnYear {
            let previous = comparison.previousFiscalYear.japaneseName, current = comparison.fiscalYear.japaneseName
            var table = TextTable(["前年度との比較", previous, current, "増減"], alignments: [.left, .right, .right, .right])
            for figure in comparison.figures {
                let show = { (value: Int64) in figure.isMoney ? Yen(value).formatted : "\(value)" }
                let sign = figure.change > 0 ? "+" : ""
                table.add([figure.label, show(figure.previous), show(figure.current), sign + show(figure.change)])
            }
            for rate in comparison.rates {
                table.add([rate.label, rate.previous.percent() ?? "—", rate.current.percent() ?? "—", ""])
            }
            out.append(table.rendered)
        }
        return out.joined(separator: "\n\n")
    }

    struct Document: Encodable {
        struct Change: Encodable {
            var current, previous, change: Int64
        }

        struct RateChange: Encodable {
            @ExplicitNull var current: Decimal?
            @ExplicitNull var previous: Decimal?
        }

        struct Comparison: Encodable {
            var fiscalYear, previousFiscalYear: Int
            var figures: [String: Change]
            var rates: [String: RateChange]
        }

        var fromFiscalYear, toFiscalYear: Int
        /// Null for every bureau, as in the one-year object.
        @ExplicitNull var bureau: String?
        var asOf: String
        var reports: [BureauReport.Document]
        var yearOnYear: [Comparison]

        init(_ series: BureauReportSeries) {
            fromFiscalYear = series.reports.first?.fiscalYear.startYear ?? 0
            toFiscalYear = series.reports.last?.fiscalYear.startYear ?? 0
            bureau = series.reports.first?.bureau?.rawValue
            asOf = series.reports.first?.asOf.description ?? ""
            reports = series.reports.map(BureauReport.Document.init)
            yearOnYear = series.yearOnYear.map { comparison in
                Comparison(
                    fiscalYear: comparison.fiscalYear.startYear, previousFiscalYear: comparison.previousFiscalYear.startYear,
                    figures: Dictionary(uniqueKeysWithValues: comparison.figures.map {
                        ($0.key, Change(current: $0.current, previous: $0.previous, change: $0.change))
                    }),
                    rates: Dictionary(uniqueKeysWithValues: comparison.rates.map {
                        ($0.key, RateChange(current: BureauReport.KPIAchievement.decimal($0.current),
                                            previous: BureauReport.KPIAchievement.decimal($0.previous)))
                    }))
            }
        }
    }
}
