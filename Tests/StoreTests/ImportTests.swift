import Foundation
import Postgres
import Store
import Testing
import TestSupport

@Suite struct OrganizationImportTests {
    let connection: PostgresConnection

    init() throws {
        connection = try PostgresConnection(settings: TestCluster.freshDatabase())
    }

    private func run(_ csv: String, _ options: ImportOptions = ImportOptions(), kind: ImportKind = .organizations) throws -> ImportReport {
        try CSVImport.run(kind, file: temporaryFile(csv), options: options, on: connection, actor: "test")
    }

    private func count(_ table: String) throws -> Int {
        try connection.query("SELECT count(*) AS n FROM \(unsafeRaw: table)")[0].decode(Int.self, "n")
    }

    static let valid = """
        code,kind,name,corporate_number,local_government_code,prefecture_code,jsic_division,sme_sector,capital_yen,employees
        tsubameito,company,株式会社つばめいと,7110002019384,,15,L,services,"10,000,000",12
        tsubame-city,municipality,燕市,,152137,,S,,,
        bank,regional_bank,第四北越銀行,,,新潟県,J,,¥32776000000,2900
        """

    @Test func aValidFileIsWrittenAndImportingItAgainChangesNothing() throws {
        let first = try run(Self.valid)
        #expect(first.committed)
        #expect(first.inserted == 3)
        #expect(first.issues.isEmpty)
        let city = try connection.query("SELECT prefecture_code, capital_yen FROM organizations WHERE code = 'tsubame-city'")[0]
        #expect(try city.decode(Int.self, "prefecture_code") == 15) // taken from the local government code
        let again = try run(Self.valid)
        #expect(again.inserted == 0 && again.updated == 0 && again.unchanged == 3)
        #expect(try count("organizations") == 3)
        let changed = try run(Self.valid.replacingOccurrences(of: "2900", with: "2950"))
        #expect(changed.updated == 1 && changed.unchanged == 2)
        #expect(try connection.query("SELECT count(*) AS n FROM audit_log WHERE table_name = 'organizations' AND actor = 'test'")[0].decode(Int.self, "n") == 4)
    }

    @Test func aBadCorporateNumberRejectsTheWholeFileNamingLineColumnAndValue() throws {
        let csv = Self.valid.replacingOccurrences(of: "7110002019384", with: "7110002019385")
        let report = try run(csv)
        #expect(!report.committed)
        #expect(report.issues.count == 1)
        let issue = try #require(report.issues.first)
        #expect(issue.line == 2)
        #expect(issue.column == "corporate_number")
        #expect(issue.value == "7110002019385")
        #expect(issue.description.contains("2行目"))
        #expect(try count("organizations") == 0)
    }

    /// A row with more or fewer cells than the header cannot be matched to columns: the file is
    /// refused naming the line and both counts, in the generic import and the expense import alike.
    @Test func aRowWithTheWrongNumberOfCellsIsRefusedNamingItsLineAndBothCounts() throws {
        let report = try run(Self.valid + "\nextra,company,余分な会社,,,,,,,,1\nshort,company")
        #expect(!report.committed && report.invalidRows == 2)
        #expect(report.issues.map(\.line) == [5, 6])
        #expect(report.issues.map(\.reason) == [
            "列の数が見出しと違います（見出し 10 列、この行 11 列）", "列の数が見出しと違います（見出し 10 列、この行 2 列）",
        ])
        #expect(try count("organizations") == 0)

        let fixture = try ClaimFixture()
        try fixture.project("p1")
        let expenses = try fixture.expenses(["p1,venue,2024-07-01,2024-07-05,会館,会場,450000,45000,INV-1,,,,,", "p1,venue"])
        #expect(!expenses.committed && expenses.issues.map(\.line) == [3])
        #expect(expenses.issues.first?.reason.hasPrefix("列の数が見出しと違います（見出し ") == true)
        #expect(try fixture.count("SELECT count(*) FROM expenses") == 0)
    }

    @Test func everyKindOfInvalidRowIsListed() throws {
        let csv = """
            code,kind,name,corporate_number,local_government_code,prefecture_code,capital_yen,employees
            ok,company,良い会社,,,,,
            ,company,コードなし,,,,,
            bad-kind,bakery,パン屋,,,,,
            short-number,company,桁不足,711000201938,,,,
            city-bad-check,municipality,市,,152138,,,
            company-with-lg,company,会社,,152137,,,
            bad-pref,company,県違い,,,48,,
            bad-money,company,金額,,,,12.5,
            negative-staff,company,人数,,,,,-3
            ok,company,重複,,,,,
            too,many,columns,,,,,,extra
            """
        let report = try run(csv)
        #expect(!report.committed)
        let byLine = Dictionary(grouping: report.issues, by: \.line)
        #expect(byLine.keys.sorted() == Array(3...12))
        #expect(byLine[3]?.first?.column == "code")
        #expect(byLine[4]?.first?.column == "kind")
        #expect(byLine[5]?.first?.reason.contains("13") == true)
        #expect(byLine[6]?.first?.column == "local_government_code")
        #expect(byLine[7]?.first?.column == "local_government_code")
        #expect(byLine[8]?.first?.column == "prefecture_code")
        #expect(byLine[9]?.first?.column == "capital_yen")
        #expect(byLine[10]?.first?.column == "employees")
        #expect(byLine[11]?.first?.reason.contains("2行目") == true)
        #expect(byLine[12]?.first?.column == nil)
        #expect(try count("organizations") == 0)
    }

    @Test func aCorporateNumberHeldByAnotherOrganisationIsAnInvalidRow() throws {
        _ = try run(Self.valid)
        let report = try run("""
            code,kind,name,corporate_number
            other,company,別の会社,7110002019384
            """)
        #expect(!report.committed)
        #expect(report.issues.first?.column == "corporate_number")
        #expect(report.issues.first?.reason.contains("tsubameito") == true)
    }

    @Test func unknownAndMissingColumnsRefuseTheFile() throws {
        #expect(throws: ImportError.self) { try run("code,kind,name,colour\na,company,x,red\n") }
        #expect(throws: ImportError.self) { try run("code,kind\na,company\n") }
    }

    @Test func japaneseHeadersAreAcceptedAsAliases() throws {
        let report = try run("code,kind,名称,法人番号\ntsubameito,company,株式会社つばめいと,７１１０００２０１９３８４\n")
        #expect(report.inserted == 1)
        #expect(try connection.query("SELECT corporate_number FROM organizations")[0].decode(String.self, "corporate_number") == "7110002019384")
    }

    @Test func aByteOrderMarkAndCP932FilesAreRead() throws {
        let bom = try CSVImport.run(
            .organizations, file: temporaryFile(Data([0xEF, 0xBB, 0xBF]) + Data(Self.valid.utf8)),
            options: ImportOptions(), on: connection, actor: "test")
        #expect(bom.inserted == 3)
        var writer = CSVWriter(encoding: .cp932, formulaSafe: false)
        try writer.write(["code", "kind", "name"])
        try writer.write(["takahashi", "company", "髙橋製作所株式会社"])
        try writer.finish()
        let cp932 = try CSVImport.run(
            .organizations, file: temporaryFile(writer.data), options: ImportOptions(encoding: .cp932), on: connection, actor: "test")
        #expect(cp932.inserted == 1)
        #expect(try connection.query("SELECT name FROM organizations WHERE code = 'takahashi'")[0].decode(String.self, "name") == "髙橋製作所株式会社")
    }

    @Test func aDryRunWritesNothing() throws {
        let report = try run(Self.valid, ImportOptions(dryRun: true))
        #expect(report.inserted == 3)
        #expect(!report.committed)
        #expect(try count("organizations") == 0)
        #expect(try connection.query("SELECT count(*) AS n FROM audit_log WHERE table_name = 'organizations'")[0].decode(Int.self, "n") == 0)
    }

    @Test func skipInvalidWritesValidRowsAndPutsTheOthersInTheRejectsFile() throws {
        let rejects = TestCluster.scratchDirectory("rejects").path + ".csv"
        defer { try? FileManager.default.removeItem(atPath: rejects) }
        let csv = Self.valid + "\nbroken,company,壊れた,1234567890123,,,,,,\n"
        let report = try run(csv, ImportOptions(rejectsPath: rejects))
        #expect(report.committed)
        #expect(report.inserted == 3)
        #expect(report.rejectsWritten == 1)
        let text = try String(contentsOfFile: rejects, encoding: .utf8)
        let lines = text.split(separator: "\r\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasSuffix(",reason"))
        #expect(lines[1].hasPrefix("broken,company,壊れた,1234567890123"))
        #expect(lines[1].contains("5行目 corporate_number"))
    }
}

@Suite struct ConsortiumAndMembershipImportTests {
    let connection: PostgresConnection

    init() throws {
        connection = try PostgresConnection(settings: TestCluster.freshDatabase())
        _ = try CSVImport.run(.organizations, file: temporaryFile(OrganizationImportTests.valid), options: ImportOptions(), on: connection, actor: "test")
    }

    private func run(_ kind: ImportKind, _ csv: String) throws -> ImportReport {
        try CSVImport.run(kind, file: temporaryFile(csv), options: ImportOptions(), on: connection, actor: "test")
    }

    @Test func aConsortiumGetsItsSecretariatAsAMember() throws {
        let report = try run(.consortia, "code,name,prefecture_code,secretariat,established_on\ntsubame,燕市地域の人事部,15,tsubameito,令和4年4月1日\n")
        #expect(report.inserted == 1)
        let member = try connection.query("""
            SELECT o.code, m.role, m.joined_on::text AS joined FROM memberships m JOIN organizations o ON o.id = m.organization_id
            """)
        #expect(try member[0].decode(String.self, "code") == "tsubameito")
        #expect(try member[0].decode(String.self, "role") == "secretariat")
        #expect(try member[0].decode(String.self, "joined") == "2022-04-01")
    }

    @Test func membershipsNeedKnownConsortiaAndOrganisationsAndSaneDates() throws {
        _ = try run(.consortia, "code,name,prefecture_code,secretariat\ntsubame,燕市地域の人事部,15,tsubameito\n")
        let report = try run(.memberships, """
            consortium,organization,role,joined_on,left_on,group
            tsubame,tsubame-city,institution,2022-04-01,,
            tsubame,nobody,firm,2022-04-01,,
            elsewhere,bank,institution,2022-04-01,,
            tsubame,bank,institution,R4.4.1,2022-03-31,
            tsubame,bank,chairman,2022-04-01,,
            """)
        #expect(!report.committed)
        #expect(report.issues.map(\.line) == [3, 4, 5, 6])
        #expect(report.issues[0].reason.contains("nobody"))
        #expect(report.issues[1].column == "consortium")
        #expect(report.issues[2].column == "left_on")
        let good = try run(.memberships, """
            consortium,organization,role,joined_on,left_on,group
            tsubame,tsubame-city,institution,2022-04-01,,
            tsubame,bank,institution,R4.4.1,,
            """)
        #expect(good.inserted == 2)
        let again = try run(.memberships, """
            consortium,organization,role,joined_on,left_on,group
            tsubame,bank,institution,2022-04-01,2024-03-31,
            """)
        #expect(again.updated == 1)
    }
}
