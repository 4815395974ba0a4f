import Domain
import Foundation
import Postgres
@testable import Store
import Testing
import TestSupport

@Suite struct FrameImportTests {
    let fixture: ClaimFixture
    init() throws { fixture = try ClaimFixture() }

    static let header = "program,program_name,fiscal_year,frame,frame_name,rate,project_cap_yen,firm_cap_yen,person_cap_yen,rounding_unit_yen,categories,category_caps"

    @Test func aFrameWithCapsAndCategoriesIsStoredAndMatchedAgain() throws {
        let csv = Self.header + "\nnew-prog,新事業,令和7年度,standard,通常枠,2/3,\"8,000,000\",,,1,travel;venue;equipment,equipment=300000\n"
        #expect(try fixture.load(.frames, csv).inserted == 1)
        let row = try fixture.connection.query("""
            SELECT f.fiscal_year, f.rate_numerator, f.rate_denominator, f.project_cap_yen, f.rounding_unit_yen,
                   (SELECT string_agg(category || ':' || coalesce(cap_yen::text, '-'), ',' ORDER BY category) FROM frame_categories c WHERE c.frame_id = f.id) AS categories
            FROM frames f JOIN programs p ON p.id = f.program_id WHERE p.code = 'new-prog'
            """)[0]
        #expect(try row.decode(Int.self, "fiscal_year") == 2025)
        #expect(try row.decode(Int64.self, "rate_numerator") == 2 && row.decode(Int64.self, "rate_denominator") == 3)
        #expect(try row.decode(Int64.self, "project_cap_yen") == 8_000_000)
        #expect(try row.decode(String.self, "categories") == "equipment:300000,travel:-,venue:-")
        #expect(try fixture.load(.frames, csv).unchanged == 1)
        let narrowed = csv.replacingOccurrences(of: "travel;venue;equipment,equipment=300000", with: "travel,")
        #expect(try fixture.load(.frames, narrowed).updated == 1)
        #expect(try fixture.count("SELECT count(*) FROM frame_categories c JOIN frames f ON f.id = c.frame_id JOIN programs p ON p.id = f.program_id WHERE p.code = 'new-prog'") == 1)
    }

    @Test func badRatesCategoriesAndCapsAreInvalidRows() throws {
        let report = try fixture.tryLoad(.frames, Self.header + """

            p,,2025,a,,3/2,,,,,travel,
            p,,2025,b,,1/2,,,,,travel;gifts,
            p,,2025,c,,1/2,,,,,travel,venue=100
            p,,2025,d,,1/2,,,,0,travel,
            """)
        #expect(!report.committed)
        #expect(report.issues.map(\.line) == [2, 3, 4, 5])
        #expect(report.issues.map(\.column) == ["rate", "categories", "category_caps", "rounding_unit_yen"])
    }
}

@Suite struct AdoptedProjectImportTests {
    let fixture: ClaimFixture
    init() throws { fixture = try ClaimFixture() }

    @Test func thePublishedR4ListLoadsAsItStandsAndAgainWithoutChange() throws {
        let report = try fixture.load(.adoptedProjects, DemoData.adoptedR4)
        #expect(report.inserted == 20)
        #expect(try fixture.count("SELECT count(*) FROM adopted_projects WHERE fiscal_year = 2022") == 20)
        // つばめいと already exists (by corporate number) and already runs the tsubame consortium.
        let tsubame = try fixture.connection.query("""
            SELECT c.code AS consortium, p.prefecture_code, o.code AS applicant FROM adopted_projects p
            JOIN consortia c ON c.id = p.consortium_id
            JOIN project_applicants a ON a.consortium_id = p.consortium_id AND a.project_id = p.id AND a.position = 1
            JOIN organizations o ON o.id = a.organization_id
            WHERE p.code = '2022-kanto-006'
            """)[0]
        #expect(try tsubame.decode(String.self, "consortium") == "tsubame")
        #expect(try tsubame.decode(String.self, "applicant") == "tsubameito")
        #expect(try tsubame.decode(Int.self, "prefecture_code") == 15)
        // 北海道オホーツク管内… → 北海道, in the Hokkaido bureau's numbering.
        #expect(try fixture.count("SELECT prefecture_code FROM adopted_projects WHERE code = '2022-hokkaido-001'") == 1)
        #expect(try fixture.count("SELECT count(*) FROM consortia") == 20)
        #expect(try fixture.count("SELECT count(*) FROM organizations WHERE kind = 'general_association'") >= 1)
        let again = try fixture.load(.adoptedProjects, DemoData.adoptedR4)
        #expect(again.unchanged == 20 && again.inserted == 0 && again.updated == 0)
    }

    static let header = "fiscal_year,program,frame,no,applicant_name,applicant_corporate_number,region,project_name,granted_yen"

    @Test func jointApplicantsKeepTheirOrderWithTheLeadFirst() throws {
        try fixture.load(.adoptedProjects, Self.header + "\n2024,chiiki-senryaku-jinzai,standard,7,一般社団法人ドット道東;株式会社つばめいと,3460305001925;7110002019384,北海道釧路市,共同事業,\n")
        let applicants = try fixture.connection.query("""
            SELECT o.name FROM project_applicants a JOIN organizations o ON o.id = a.organization_id
            JOIN adopted_projects p ON p.consortium_id = a.consortium_id AND p.id = a.project_id
            WHERE p.code = '2024-hokkaido-007' ORDER BY a.position
            """).map { try $0.decode(String.self, "name") }
        #expect(applicants == ["一般社団法人ドット道東", "株式会社つばめいと"])
    }

    @Test func invalidRowsAreNamedAndNothingIsWritten() throws {
        let report = try fixture.tryLoad(.adoptedProjects, Self.header + """

            2024,chiiki-senryaku-jinzai,standard,1,一般社団法人ドット道東,3460305001926,北海道釧路市,事業,
            2024,chiiki-senryaku-jinzai,standard,2,A;B,3460305001925,北海道釧路市,事業,
            2024,chiiki-senryaku-jinzai,standard,3,株式会社X,,釧路市,事業,
            2024,chiiki-senryaku-jinzai,standard,4,株式会社Y,,北海道釧路市,事業,10000001
            2024,chiiki-senryaku-jinzai,no-such-frame,5,株式会社Z,,北海道釧路市,事業,
            2024,chiiki-senryaku-jinzai,standard,6,株式会社W,,北海道釧路市,事業,100
            """)
        #expect(!report.committed)
        #expect(report.issues.map(\.line) == [2, 3, 4, 5, 6])
        #expect(report.issues[0].column == "applicant_corporate_number")
        #expect(report.issues[0].reason.contains("期待値 2"))
        #expect(report.issues[1].column == "applicant_corporate_number")
        #expect(report.issues[2].column == "region")
        #expect(report.issues[3].column == "granted_yen")
        #expect(report.issues[4].column == "frame")
        #expect(try fixture.count("SELECT count(*) FROM adopted_projects") == 0)
        #expect(try fixture.count("SELECT count(*) FROM organizations") == 2)
    }

    /// The code made from `no` takes the bureau of the consortium's stored prefecture: one that
    /// does not decode is that error, naming the column, not a row told it lacks a code.
    @Test func aStoredPrefectureThatDoesNotDecodeIsThatErrorWhenTheCodeIsMade() throws {
        try fixture.connection.executeScript(unsafeSQL: """
            ALTER TABLE consortia DROP CONSTRAINT consortia_prefecture_code_fkey;
            UPDATE consortia SET prefecture_code = 99 WHERE code = 'tsubame';
            """)
        let error = #expect(throws: PostgresError.self) {
            try fixture.tryLoad(.adoptedProjects, """
                fiscal_year,program,frame,no,consortium,applicant_name,applicant_corporate_number,region,project_name
                2024,chiiki-senryaku-jinzai,standard,8,tsubame,株式会社つばめいと,7110002019384,燕市,事業
                """)
        }
        #expect(error?.kind == .decoding)
        #expect(error?.column == "prefecture_code")
    }

    @Test func theDatabaseRefusesAGrantAboveTheCapAndSkippedStatusSteps() throws {
        try fixture.project("p1", granted: "1000")
        let overCap = #expect(throws: PostgresError.self) {
            try fixture.connection.execute("UPDATE adopted_projects SET granted_yen = 10000001 WHERE code = 'p1'")
        }
        #expect(overCap?.constraint == "adopted_projects_granted_within_cap")
        let skipped = #expect(throws: PostgresError.self) {
            try fixture.connection.execute("UPDATE adopted_projects SET status = 'reported' WHERE code = 'p1'")
        }
        #expect(skipped?.constraint == "adopted_projects_status_transition")
        try fixture.connection.execute("UPDATE adopted_projects SET status = 'grant_decided' WHERE code = 'p1'")
    }
}

@Suite struct ExpenseImportTests {
    let fixture: ClaimFixture
    init() throws {
        fixture = try ClaimFixture()
        try fixture.project("p1")
    }

    @Test func linesAreWrittenOnceAndMatchedAgainByEvidenceOrContent() throws {
        let rows = [
            "p1,venue,令和6年7月1日,R6.7.5,会館,会場,\"¥450,000\",45000,INV-1,,,,,",
            "p1,travel,2024-07-02,2024-07-05,JR,旅費,30000,3000,,firm-a,person-1,,,",
            "p1,other,2024-07-03,2024-07-05,店,\"改行を含む\n説明, と引用符\"\"\",1000,100,INV-2,,,,査定により除外,",
        ]
        let first = try fixture.expenses(rows)
        #expect(first.committed && first.inserted == 3)
        let again = try fixture.expenses(rows)
        #expect(again.unchanged == 3 && again.inserted == 0)
        let row = try fixture.connection.query("SELECT incurred_on::text AS d, amount_excl_tax_yen AS a, description FROM expenses WHERE line_ref = 'INV-1'")[0]
        #expect(try row.decode(String.self, "d") == "2024-07-01")
        #expect(try row.decode(Int64.self, "a") == 450_000)
        #expect(try fixture.connection.query("SELECT description FROM expenses WHERE line_ref = 'INV-2'")[0].decode(String.self, "description") == "改行を含む\n説明, と引用符\"")
        // One audit record for the import's new lines, naming the file, their number and ids.
        let csv = ([ClaimFixture.expenseHeader] + rows).joined(separator: "\n") + "\n"
        let batch = try fixture.connection.query("""
            SELECT a.actor, a.row_id, (a.after -> 'import' ->> 'rows')::integer AS rows,
                   a.after -> 'import' ->> 'file_sha256' = encode(sha256(convert_to(\(csv), 'UTF8')), 'hex') AS names_the_file,
                   (SELECT count(*) FROM expenses e WHERE e.id <@ (a.after -> 'import' ->> 'ids')::int8multirange)::integer AS lines
            FROM audit_log a WHERE a.table_name = 'expenses'
            """)
        #expect(batch.count == 1)
        #expect(try batch[0].decode(String.self, "actor") == "test" && batch[0].decode(Int64?.self, "row_id") == nil)
        #expect(try batch[0].decode(Int.self, "rows") == 3 && batch[0].decode(Int.self, "lines") == 3)
        #expect(try batch[0].decode(Bool.self, "names_the_file"))
    }

    @Test func everyKindOfInvalidLineIsListedAndNothingIsWritten() throws {
        let report = try fixture.expenses([
            "p1,venue,2024-07-01,2024-07-05,会館,会場,1000,0,INV-1,,,,,",
            "nope,venue,2024-07-01,2024-07-05,会館,会場,1000,0,INV-2,,,,,",
            "p1,gifts,2024-07-01,2024-07-05,会館,会場,1000,0,INV-3,,,,,",
            "p1,venue,2024-02-30,2024-07-05,会館,会場,1000,0,INV-4,,,,,",
            "p1,venue,2024-07-01,2024-07-05,,会場,1000,0,INV-5,,,,,",
            "p1,venue,2024-07-01,2024-07-05,会館,会場,12.5,0,INV-6,,,,,",
            "p1,venue,2024-07-01,2024-07-05,会館,会場,1000,0,INV-1,,,,,",
            "p1,venue,2024-07-01,2024-07-05,会館,会場,1000,0,INV-8,nobody,,,,",
            "p1,venue,2024-07-01,2024-07-05,会館,会場,1000,0,INV-9,,,no-event,,",
            "p1,venue,2024-07-01,2024-07-05,会\u{0}館,会場,1000,0,INV-10,,,,,",
        ])
        #expect(!report.committed)
        #expect(report.issues.map(\.line) == [3, 4, 5, 6, 7, 8, 9, 10, 11])
        #expect(report.issues.map(\.column) == ["project", "category", "incurred_on", "payee", "amount_excl_tax_yen", "evidence_ref", "firm", "event", "payee"])
        #expect(report.issues[8].reason.contains("NUL"))
        #expect(report.issues[5].reason.contains("2行目"))
        #expect(try fixture.count("SELECT count(*) FROM expenses") == 0)
    }

    @Test func dryRunAndRejectsFollowTheImportRules() throws {
        let rows = ["p1,venue,2024-07-01,2024-07-05,会館,会場,1000,0,INV-1,,,,,", "p1,venue,2024-07-01,2024-07-05,会館,会場,-5,0,INV-2,,,,,",
                    "p1,venue,2024-07-01,2024-07-05,会館,会場,1000,0,INV-3,,,no-event,,"]
        let dry = try fixture.expenses(Array(rows.prefix(1)), ImportOptions(dryRun: true))
        #expect(dry.inserted == 1 && !dry.committed)
        #expect(try fixture.count("SELECT count(*) FROM expenses") == 0)
        let rejects = TestCluster.scratchDirectory("rejects").path + ".csv"
        defer { try? FileManager.default.removeItem(atPath: rejects) }
        let skipped = try fixture.expenses(rows, ImportOptions(rejectsPath: rejects))
        #expect(skipped.committed && skipped.inserted == 1 && skipped.rejectsWritten == 2)
        let lines = try String(contentsOfFile: rejects, encoding: .utf8).split(separator: "\r\n")
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("p1,venue,2024-07-01,2024-07-05,会館,会場,-5"))
        #expect(lines[2].contains("no-event") && lines[2].contains("4行目 event"))
    }

    @Test func aCP932FileFromExcelIsRead() throws {
        var writer = CSVWriter(encoding: .cp932, formulaSafe: false)
        try writer.write(ClaimFixture.expenseHeader.split(separator: ",").map(String.init))
        try writer.write(["p1", "経費区分は日本語でも", "2024-07-01", "2024-07-05", "髙島屋", "備品", "1000", "0", "INV-1", "", "", "", "", ""]
            .enumerated().map { $0.offset == 1 ? "会場費" : $0.element })
        try writer.finish()
        let report = try CSVImport.run(.expenses, file: temporaryFile(writer.data), options: ImportOptions(encoding: .cp932), on: fixture.connection, actor: "test")
        #expect(report.committed && report.inserted == 1)
        #expect(try fixture.connection.query("SELECT payee, category FROM expenses")[0].decode(String.self, "payee") == "髙島屋")
    }
}

@Suite struct ExpenseAuditTests {
    /// An import's new lines are one batch record (0028); changes and deletions are audited
    /// line by line, and each line's history still starts with the line as it was written.
    @Test func everyChangedLineIsAuditedOnceWithBeforeAndAfter() throws {
        let fixture = try ClaimFixture()
        try fixture.project("p1")
        _ = try fixture.expenses(["p1,venue,2024-07-01,2024-07-05,会館,会場,1000,0,INV-1,,,,,", "p1,venue,2024-07-01,2024-07-05,会館,会場,2000,0,INV-2,,,,,"])
        _ = try fixture.expenses(["p1,venue,2024-07-01,2024-07-05,会館,会場,1500,0,INV-1,,,,,", "p1,venue,2024-07-01,2024-07-05,会館,会場,2000,0,INV-2,,,,,",
                                  "p1,venue,2024-07-02,2024-07-05,会館,会場,3000,0,INV-3,,,,,"])
        try fixture.connection.execute("DELETE FROM expenses WHERE line_ref = 'INV-2'")
        let rows = try fixture.connection.query("""
            SELECT operation, actor, (before ->> 'amount_excl_tax_yen') AS before,
                   coalesce(after ->> 'amount_excl_tax_yen', 'lines ' || (after -> 'import' ->> 'rows')) AS after
            FROM audit_log WHERE table_name = 'expenses' ORDER BY id
            """).map { [try $0.decode(String.self, "operation"), try $0.decode(String?.self, "before") ?? "-", try $0.decode(String?.self, "after") ?? "-"] }
        #expect(rows == [["INSERT", "-", "lines 2"], ["UPDATE", "1000", "1500"], ["INSERT", "-", "lines 1"], ["DELETE", "2000", "-"]])
        #expect(try fixture.count("SELECT count(*) FROM audit_log WHERE table_name = 'expenses' AND actor = 'test'") == 3)

        func history(_ lineRef: String) throws -> [[String]] {
            let id = try fixture.connection.query("""
                SELECT row_id AS id FROM audit_log WHERE table_name = 'expenses' AND before ->> 'line_ref' = \(lineRef)
                UNION SELECT id FROM expenses WHERE line_ref = \(lineRef)
                """)[0].decode(Int64.self, "id")
            return try AuditRepository().history(table: "expenses", rowID: id, on: fixture.connection).map { entry in
                let after = entry.after.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
                let before = entry.before.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
                return [entry.operation, entry.actor == "test" ? "test" : "sql", (before?["amount_excl_tax_yen"]).map { "\($0)" } ?? "-",
                        (after?["amount_excl_tax_yen"]).map { "\($0)" } ?? "-"]
            }
        }
        #expect(try history("INV-1") == [["INSERT", "test", "-", "1000"], ["UPDATE", "test", "1000", "1500"]])
        #expect(try history("INV-2") == [["INSERT", "test", "-", "2000"], ["DELETE", "sql", "2000", "-"]])
        #expect(try history("INV-3") == [["INSERT", "test", "-", "3000"]])
    }

    /// The batch record's ids read back as exactly the lines written, whether the ids form one
    /// run (read off count, min and max) or have gaps (range_agg), in range_agg's own text.
    @Test(arguments: [([Int64](1_000...1_004), "{[1000,1005)}"), ([7, 8, 10, 20, 21], "{[7,9),[10,11),[20,22)}"), ([42], "{[42,43)}")])
    func anImportsBatchRecordNamesItsIdsAsRanges(ids: [Int64], expected: String) throws {
        let fixture = try ClaimFixture()
        try fixture.project("p1")
        try fixture.connection.transaction { connection in
            try connection.execute("SELECT set_config('jinjibu.import_file', 'cafe', true)")
            try connection.execute("""
                INSERT INTO expenses (consortium_id, id, project_id, line_ref, category, incurred_on, payee, amount_excl_tax_yen)
                OVERRIDING SYSTEM VALUE
                SELECT consortium_id, n, id, 'SQL-' || n, 'travel', '2024-09-01', 'JR', 100 FROM adopted_projects,
                       unnest(\(PostgresInt64Array(ids))::bigint[]) n
                WHERE code = 'p1'
                """)
        }
        let record = try fixture.connection.query("""
            SELECT after -> 'import' ->> 'ids' AS ids, (after -> 'import' ->> 'rows')::integer AS rows FROM audit_log
            WHERE table_name = 'expenses' AND operation = 'INSERT' AND row_id IS NULL
            """)
        #expect(record.count == 1)
        #expect(try record.first?.decode(String.self, "ids") == expected)
        #expect(try record.first?.decode(Int.self, "rows") == ids.count)
    }

    /// Lines written another way than by an import (the API, the pages, SQL) keep their own
    /// INSERT record.
    @Test func anInsertWithoutAnImportFileIsAuditedLineByLine() throws {
        let fixture = try ClaimFixture()
        try fixture.project("p1")
        try fixture.connection.execute("""
            INSERT INTO expenses (consortium_id, project_id, line_ref, category, incurred_on, payee, amount_excl_tax_yen)
            SELECT consortium_id, id, 'SQL-' || n, 'travel', '2024-09-01', 'JR', 100 * n FROM adopted_projects, generate_series(1, 2) n
            WHERE code = 'p1'
            """)
        #expect(try fixture.count("SELECT count(*) FROM audit_log WHERE table_name = 'expenses' AND operation = 'INSERT' AND row_id IS NOT NULL") == 2)
    }
}
