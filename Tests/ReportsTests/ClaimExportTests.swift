import Domain
import Foundation
import Postgres
import Reports
import Store
import Testing
import TestSupport

/// Reads a whole CSV file as rows of fields.
func readCSV(_ path: String, encoding: TextEncoding = .utf8) throws -> [[String]] {
    var reader = try CSVReader(fileAtPath: path, encoding: encoding)
    var rows: [[String]] = []
    while let record = try reader.next() { rows.append(record.fields) }
    return rows
}

/// The rows of a table keyed by column name, from a CSV with English headers.
func records(_ path: String, encoding: TextEncoding = .utf8) throws -> [[String: String]] {
    let rows = try readCSV(path, encoding: encoding)
    guard let header = rows.first else { return [] }
    return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
}

@Suite(.serialized) struct ClaimExportTests {
    static let claimColumns = [
        "fiscal_year", "bureau", "prefecture_code", "consortium_code", "consortium_name", "project_code", "applicant_name",
        "applicant_corporate_number", "program", "frame", "rate", "project_cap_yen", "granted_yen", "total_expenses_yen",
        "eligible_expenses_yen", "ineligible_expenses_yen", "subsidy_yen", "prior_paid_yen", "claim_yen", "refund_yen", "events",
        "participants", "placements_full_time", "placements_side_job", "internships", "retention_rate_12m",
    ]
    static let consortiumColumns = [
        "fiscal_year", "bureau", "prefecture_code", "consortium_code", "consortium_name", "secretariat_name", "projects",
        "granted_yen", "total_expenses_yen", "eligible_expenses_yen", "subsidy_yen", "prior_paid_yen", "claim_yen", "refund_yen",
        "member_firms", "events", "participants", "placements_full_time", "placements_side_job", "internships", "retention_rate_12m",
    ]

    func export(
        _ fixture: ExportFixture, bureau: Bureau? = nil, format: ExportFormat = .csv, encoding: TextEncoding = .utf8,
        headers: ExportHeaders = .en, out: String = ExportFixture.outputPath("out"),
    ) async throws -> ClaimExport.Result {
        let options = ExportOptions(
            scope: ExportScope(fiscalYear: FiscalYear(2024), bureau: bureau), format: format, encoding: encoding, headers: headers,
            outDirectory: out, asOf: ExportFixture.asOf, actor: "test")
        return try await blocking { try ClaimExport(options: options).run(on: fixture.connection) }
    }

    @Test func claimsCSVHasTheColumnsInOrderAndFiguresWorkedOutByHand() async throws {
        let fixture = try await ExportFixture.make()
        let result = try await export(fixture)
        #expect(result.projects == 3)
        let rows = try readCSV(result.outDirectory + "/claims.csv")
        #expect(rows[0] == Self.claimColumns)
        let byCode = Dictionary(uniqueKeysWithValues: try records(result.outDirectory + "/claims.csv").map { ($0["project_code"]!, $0) })
        #expect(rows.dropFirst().map { $0[5] } == ["R6-O1", "R6-T1", "R6-T2"])
        let t1 = try #require(byCode["R6-T1"])
        #expect(t1["fiscal_year"] == "2024" && t1["bureau"] == "kanto" && t1["prefecture_code"] == "15")
        #expect(t1["consortium_code"] == "tsubame" && t1["consortium_name"] == "燕市地域の人事部")
        #expect(t1["applicant_name"] == "株式会社つばめいと" && t1["applicant_corporate_number"] == "7110002019384")
        #expect(t1["program"] == "chiiki-senryaku-jinzai" && t1["frame"] == "standard" && t1["rate"] == "1/2")
        #expect(t1["project_cap_yen"] == "10000000" && t1["granted_yen"] == "9000000")
        #expect(t1["total_expenses_yen"] == "10740000" && t1["eligible_expenses_yen"] == "10500000")
        #expect(t1["ineligible_expenses_yen"] == "240000" && t1["subsidy_yen"] == "5250000")
        #expect(t1["prior_paid_yen"] == "3000000" && t1["claim_yen"] == "2250000" && t1["refund_yen"] == "0")
        #expect(t1["events"] == "2" && t1["participants"] == "19" && t1["internships"] == "4")
        #expect(t1["placements_full_time"] == "2" && t1["placements_side_job"] == "1" && t1["retention_rate_12m"] == "0.5000")
        let t2 = try #require(byCode["R6-T2"])
        #expect(t2["subsidy_yen"] == "1150000" && t2["claim_yen"] == "1150000" && t2["project_cap_yen"] == "")
        #expect(t2["events"] == "2" && t2["participants"] == "22" && t2["internships"] == "0")
        let o1 = try #require(byCode["R6-O1"])
        #expect(o1["bureau"] == "kinki" && o1["prefecture_code"] == "27" && o1["subsidy_yen"] == "500000")
        #expect(o1["events"] == "0" && o1["retention_rate_12m"] == "")
    }

    @Test func consortiaCSVSumsTheProjectsAndCountsTheConsortiumsYearOnce() async throws {
        let fixture = try await ExportFixture.make()
        let result = try await export(fixture)
        let rows = try readCSV(result.outDirectory + "/consortia.csv")
        #expect(rows[0] == Self.consortiumColumns)
        let byCode = Dictionary(uniqueKeysWithValues: try records(result.outDirectory + "/consortia.csv").map { ($0["consortium_code"]!, $0) })
        #expect(rows.dropFirst().map { $0[3] } == ["osaka", "tsubame"])
        let tsubame = try #require(byCode["tsubame"])
        #expect(tsubame["secretariat_name"] == "株式会社つばめいと" && tsubame["projects"] == "2")
        #expect(tsubame["granted_yen"] == "11000000" && tsubame["total_expenses_yen"] == "16240001")
        #expect(tsubame["subsidy_yen"] == "6400000" && tsubame["claim_yen"] == "3400000" && tsubame["prior_paid_yen"] == "3000000")
        #expect(tsubame["member_firms"] == "2" && tsubame["events"] == "3" && tsubame["participants"] == "26")
        #expect(tsubame["internships"] == "4" && tsubame["placements_full_time"] == "2" && tsubame["retention_rate_12m"] == "0.5000")
    }

    @Test func japaneseHeadersAreTheDefault() async throws {
        let fixture = try await ExportFixture.make()
        let result = try await export(fixture, headers: .ja)
        let header = try readCSV(result.outDirectory + "/claims.csv")[0]
        #expect(header.count == Self.claimColumns.count)
        #expect(header.first == "年度" && header[5] == "事業コード" && header.last == "12か月定着率")
        #expect(try readCSV(result.outDirectory + "/consortia.csv")[0][5] == "事務局")
    }

    @Test func jsonUsesTheColumnNamesAsKeysAndIntegersForAmounts() async throws {
        let fixture = try await ExportFixture.make()
        let result = try await export(fixture, format: .json)
        let claims = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: result.outDirectory + "/claims.json"))) as? [[String: Any]])
        #expect(claims.count == 3)
        #expect(Set(claims[0].keys) == Set(Self.claimColumns))
        let t1 = try #require(claims.first { $0["project_code"] as? String == "R6-T1" })
        #expect(t1["subsidy_yen"] as? Int == 5_250_000 && t1["fiscal_year"] as? Int == 2024)
        #expect((t1["retention_rate_12m"] as? NSNumber)?.doubleValue == 0.5)
        let o1 = try #require(claims.first { $0["project_code"] as? String == "R6-O1" })
        #expect(o1["retention_rate_12m"] is NSNull)
        let consortia = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: result.outDirectory + "/consortia.json"))) as? [[String: Any]])
        #expect(Set(consortia[0].keys) == Set(Self.consortiumColumns))
        let project = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: result.outDirectory + "/projects/R6-T1.json"))) as? [String: Any])
        #expect((project["lines"] as? [Any])?.count == 7)
        #expect(FileManager.default.fileExists(atPath: result.outDirectory + "/manifest.json"))
    }

    @Test func twoRunsOverTheSameDataGiveByteIdenticalFiles() async throws {
        let fixture = try await ExportFixture.make()
        let first = try await export(fixture, out: ExportFixture.outputPath("a"))
        let second = try await export(fixture, out: ExportFixture.outputPath("b"))
        let names = try FileManager.default.subpathsOfDirectory(atPath: first.outDirectory).sorted()
        #expect(names == (try FileManager.default.subpathsOfDirectory(atPath: second.outDirectory).sorted()))
        #expect(names.contains("projects/R6-T1.csv") && names.contains("manifest.json"))
        for name in names where !name.hasSuffix("projects") {
            let a = try Data(contentsOf: URL(fileURLWithPath: first.outDirectory + "/" + name))
            let b = try Data(contentsOf: URL(fileURLWithPath: second.outDirectory + "/" + name))
            #expect(a == b, "\(name) differs")
        }
        #expect(first.files == second.files)
    }

    @Test func theBureauOptionLeavesOutProjectsOfOtherBureaus() async throws {
        let fixture = try await ExportFixture.make()
        let result = try await export(fixture, bureau: .kanto)
        let codes = try records(result.outDirectory + "/claims.csv").map { $0["project_code"]! }
        #expect(codes == ["R6-T1", "R6-T2"])
        #expect(!FileManager.default.fileExists(atPath: result.outDirectory + "/projects/R6-O1.csv"))
        #expect(try records(result.outDirectory + "/consortia.csv").map { $0["consortium_code"]! } == ["tsubame"])
    }

    /// 執行率 in the project file: R6-T1 claimed as of 2025-04-30 under its decision of
    /// 2024-04-01 (personnel ¥8,000,000, equipment ¥1,000,000), then changed on 2025-06-01:
    /// the claim is measured against the first; R6-O1 (computed, no decision) plans nothing.
    @Test func theProjectFileListsBudgetExecutionAgainstTheDecisionOfTheBasisDate() async throws {
        let fixture = try await ExportFixture.make()
        try await blocking {
            let grants = GrantRepository()
            _ = try grants.recordDecision(
                projectCode: "R6-T1", decidedOn: LocalDate("2024-04-01")!, documentNumber: "第1号", amount: 9_000_000,
                plannedBudget: [.personnel: 8_000_000, .equipment: 1_000_000], reason: nil, actor: "test", on: fixture.connection)
            _ = try ClaimRepository().submit(projectCode: "R6-T1", asOf: LocalDate("2025-04-30")!, reason: nil, actor: "test", on: fixture.connection)
            _ = try grants.recordDecision(
                projectCode: "R6-T1", decidedOn: LocalDate("2025-06-01")!, documentNumber: "第2号", amount: 9_000_000,
                plannedBudget: [.personnel: 8_500_000, .equipment: 500_000], reason: "経費配分の変更", actor: "test", on: fixture.connection)
        }
        let result = try await export(fixture)
        let t1 = try readCSV(result.outDirectory + "/projects/R6-T1.csv")
        let personnel = try #require(t1.first { $0[0] == "budget" && $0[1] == "personnel" })
        #expect(Array(personnel[6...8]) == ["8000000", "10000000", "1.2500"])
        let equipment = try #require(t1.first { $0[0] == "budget" && $0[1] == "equipment" })
        #expect(Array(equipment[6...8]) == ["1000000", "600000", "0.6000"])
        let travel = try #require(t1.first { $0[0] == "budget" && $0[1] == "travel" })
        #expect(travel[6] == "" && travel[7] == "50000" && travel[8] == "")
        let total = try #require(t1.first { $0[0] == "budget" && $0[1] == "total" })
        #expect(Array(total[6...8]) == ["9000000", "10740000", "1.1933"])
        let o1 = try readCSV(result.outDirectory + "/projects/R6-O1.csv")
        let o1Total = try #require(o1.first { $0[0] == "budget" && $0[1] == "total" })
        #expect(o1Total[6] == "0" && o1Total[8] == "")

        // The JSON project file has the same section.
        let json = try await export(fixture, format: .json, out: ExportFixture.outputPath("json"))
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json.outDirectory + "/projects/R6-T1.json")))
        let budget = try #require((document as? [String: Any])?["budget"] as? [String: Any])
        #expect(budget["planned_total_yen"] as? Int == 9_000_000 && budget["actual_total_yen"] as? Int == 10_740_000)
        #expect(budget["execution_rate"] as? String == "1.1933")
        let rows = budget["rows"] as? [[String: Any]] ?? []
        let plannedPersonnel = rows.first { $0["category"] as? String == "personnel" }
        #expect(plannedPersonnel?["planned_yen"] as? Int == 8_000_000 && plannedPersonnel?["execution_rate"] as? String == "1.2500")
        let unplanned = rows.first { $0["category"] as? String == "travel" }
        #expect(unplanned?["planned_yen"] is NSNull && unplanned?["actual_yen"] as? Int == 50_000 && unplanned?["execution_rate"] is NSNull)
    }

    /// A frame's overrun allowance (migration 0030) in the project file: the budget row carries
    /// the most the category may spend and `over_limit` past it, as `claim show` flags it; a
    /// category without an allowance (as shipped) has neither. R6-T1 computed as of the export's
    /// date: personnel ¥10,000,000 against ¥8,000,000 planned, equipment ¥600,000 against ¥1,000,000.
    @Test func theProjectFileFlagsACategoryPastItsFramesOverrunAllowance() async throws {
        let fixture = try await ExportFixture.make()
        try await blocking {
            _ = try GrantRepository().recordDecision(
                projectCode: "R6-T1", decidedOn: LocalDate("2024-04-01")!, documentNumber: "第1号", amount: 9_000_000,
                plannedBudget: [.personnel: 8_000_000, .equipment: 1_000_000], reason: nil, actor: "test", on: fixture.connection)
            try fixture.connection.execute("""
                UPDATE frame_categories fc SET overrun_numerator = 1,
                       overrun_denominator = CASE fc.category WHEN 'personnel' THEN 10 ELSE 2 END
                FROM adopted_projects p WHERE p.code = 'R6-T1' AND fc.frame_id = p.frame_id AND fc.category IN ('personnel', 'equipment')
                """)
        }
        let result = try await export(fixture)
        let t1 = try readCSV(result.outDirectory + "/projects/R6-T1.csv")
        let budget = Dictionary(t1.filter { $0[0] == "budget" }.map { ($0[1], $0) }, uniquingKeysWith: { first, _ in first })
        // detail, amount_yen (the limit), target, actual
        #expect(budget["personnel"].map { [$0[2], $0[5], $0[6], $0[7]] } == ["over_limit", "8800000", "8000000", "10000000"])
        #expect(budget["equipment"].map { [$0[2], $0[5], $0[6], $0[7]] } == ["", "1500000", "1000000", "600000"])
        #expect(budget["travel"].map { [$0[2], $0[5]] } == ["", ""])
        #expect(budget["total"].map { [$0[2], $0[5]] } == ["", ""])

        let json = try await export(fixture, format: .json, out: ExportFixture.outputPath("json"))
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json.outDirectory + "/projects/R6-T1.json")))
        let rows = ((document as? [String: Any])?["budget"] as? [String: Any])?["rows"] as? [[String: Any]] ?? []
        let byCategory = Dictionary(rows.map { ($0["category"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byCategory["personnel"]?["limit_yen"] as? Int == 8_800_000 && byCategory["personnel"]?["over_limit"] as? Bool == true)
        #expect(byCategory["equipment"]?["limit_yen"] as? Int == 1_500_000 && byCategory["equipment"]?["over_limit"] as? Bool == false)
        #expect(byCategory["travel"]?["limit_yen"] is NSNull && byCategory["travel"]?["over_limit"] as? Bool == false)
    }

    @Test func formulaLikeTextIsWrittenInert() async throws {
        let fixture = try await ExportFixture.make(osakaName: "=1+2", osakaProjectName: "=cmd|' /C calc'!A0")
        let result = try await export(fixture)
        let osaka = try #require(try records(result.outDirectory + "/claims.csv").first { $0["project_code"] == "R6-O1" })
        #expect(osaka["consortium_name"] == "'=1+2")
        let detail = try readCSV(result.outDirectory + "/projects/R6-O1.csv")
        #expect(detail.contains { $0[1] == "project_name" && $0[2] == "'=cmd|' /C calc'!A0" })
        let t1 = try readCSV(result.outDirectory + "/projects/R6-T1.csv")
        let line = try #require(t1.first { $0[0] == "line" && $0[9] == "T1-2" })
        #expect(line[12] == "'" + ExportFixture.hyperlinkPayee)
        let raw = try String(contentsOfFile: result.outDirectory + "/projects/R6-T1.csv", encoding: .utf8)
        #expect(!raw.contains(",=HYPERLINK") && !raw.contains("\"=HYPERLINK"))
    }

    @Test func cp932ReplacesWhatShiftJISLacksWithAGetaMarkAndCountsTheCells() async throws {
        let fixture = try await ExportFixture.make(osakaName: "大阪😀人事部")
        let result = try await export(fixture, encoding: .cp932, headers: .ja)
        let claims = try readCSV(result.outDirectory + "/claims.csv", encoding: .cp932)
        #expect(claims[0][4] == "コンソーシアム名")
        let osaka = try #require(claims.first { $0[5] == "R6-O1" })
        #expect(osaka[4] == "大阪〓人事部")
        #expect(osaka.count == Self.claimColumns.count)
        // The consortium's name is in claims.csv, consortia.csv and the project's own file.
        #expect(result.substitutedCells == 3)
        let manifest = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: result.outDirectory + "/manifest.json"))) as? [String: Any])
        #expect(manifest["substituted_cells"] as? Int == 3)
        let listed = try #require(manifest["substitutions"] as? [[String: Any]])
        #expect(listed.contains { $0["file"] as? String == "claims.csv" && $0["column"] as? String == "consortium_name" })
        let stored = try fixture.connection.query("SELECT substituted_cells, encoding FROM export_runs WHERE id = \(result.runID)")[0]
        #expect(try stored.decode(Int.self, "substituted_cells") == 3 && stored.decode(String.self, "encoding") == "cp932")
    }
}
