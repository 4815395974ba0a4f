import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Postgres
import Store
import Testing
import TestSupport

/// Issue 13, "Crashes from input": amounts and KPI targets beyond the limits are refused with a
/// message on every path, and whatever is stored is computed, shown and exported without a trap.
@Suite struct MoneyLimitWebTests {
    static let targetMessage = "目標は1000000000以下の整数か、1000000%以下の割合です"

    @Test func aHugeKPITargetThroughTheImportEndpointIsA422NamingTheRow() async throws {
        let fixture = try WebFixture()
        try await fixture.withClient { api in
            let csv = "project,metric,target\nP-TSUBAME,retention_rate_12m,999999999999999999.5%\nP-TSUBAME,placements,20\n"
            let reply = try await api.request(.post, "/api/v1/imports/kpi_targets", as: .secA, body: Data(csv.utf8))
            #expect(reply.status == .unprocessableContent)
            let issues = (reply.json["report"] as? [String: Any])?["issues"] as? [[String: Any]] ?? []
            #expect(issues.count == 1)
            #expect(issues.first?["line"] as? Int == 2 && issues.first?["column"] as? String == "target")
            #expect(issues.first?["reason"] as? String == Self.targetMessage)
            // The JSON endpoint for one target keeps to the same limit.
            let json = try await api.request(.put, "/api/v1/projects/P-TSUBAME/kpi-targets/consultations", as: .secA,
                                             json: ["unit": "count", "target_numerator": 1_000_000_001])
            #expect(json.status == .unprocessableContent)
        }
        let connection = try fixture.ownerConnection()
        defer { connection.close() }
        #expect(try connection.query("SELECT count(*) AS n FROM kpi_targets WHERE metric <> 'placements'")[0].decode(Int.self, "n") == 0)
    }

    @Test func everyEntryPathRefusesAnAmountBeyondTheLimit() async throws {
        let fixture = try WebFixture()
        try await fixture.withPages { pages, api in
            let csv = "project,category,incurred_on,paid_on,payee,amount_excl_tax_yen,evidence_ref\n"
                + "P-TSUBAME,travel,2024-06-01,2024-06-30,JR,9223372036854775807,X-1\n"
            let imported = try await api.request(.post, "/api/v1/imports/expenses", as: .secA, body: Data(csv.utf8))
            #expect(imported.status == .unprocessableContent)
            let posted = try await api.request(.post, "/api/v1/projects/P-TSUBAME/expenses", as: .secA, json: [
                "category": "travel", "incurred_on": "2024-06-01", "payee": "JR", "amount_excl_tax_yen": 1_000_000_000_000_001,
            ])
            #expect(posted.status == .unprocessableContent && posted.errorFields == ["amount_excl_tax_yen"])
            let session = try await pages.login(.secA)
            let form = try await pages.get("/projects/P-TSUBAME/expenses", session: session)
            let csrf = try #require(PageClient.csrf(in: form.text))
            let submitted = try await pages.post("/projects/P-TSUBAME/expenses", form: [
                "csrf": csrf, "category": "travel", "incurred_on": "2024-06-01", "payee": "JR",
                "amount_excl_tax_yen": "1,000,000,000,000,001",
            ], session: session)
            #expect(submitted.status == .unprocessableContent)
            #expect(PageClient.field("amount_excl_tax_yen", in: submitted.text)?.contains("0円以上1,000兆円以下で指定してください") == true)
            // Within the limit but past the project's bound: refused by the database rule, with its message.
            let past = try await api.request(.post, "/api/v1/projects/P-TSUBAME/expenses", as: .secA, json: [
                "category": "travel", "incurred_on": "2024-06-01", "payee": "JR", "amount_excl_tax_yen": 1_000_000_000_000_000,
            ])
            #expect(past.status == .conflict)
            #expect(past.json["detail"] as? String == MoneyLimitError.projectTotalExceeded.description)
        }
        let connection = try fixture.ownerConnection()
        defer { connection.close() }
        #expect(try connection.query("SELECT count(*) AS n FROM expenses")[0].decode(Int.self, "n") == 3)
    }

    @Test func aTenMegabyteCellGivesAShortRefusal() async throws {
        let fixture = try WebFixture()
        try await fixture.withClient { api in
            let cell = String(repeating: "9", count: 10 * 1024 * 1024) + "x"
            let csv = "project,category,incurred_on,paid_on,payee,amount_excl_tax_yen,evidence_ref\n"
                + "P-TSUBAME,travel,2024-06-01,2024-06-30,JR,\(cell),X-1\n"
            let reply = try await api.request(.post, "/api/v1/imports/expenses", as: .secA, body: Data(csv.utf8))
            #expect(reply.status == .unprocessableContent)
            #expect(reply.body.count < 4_000)
        }
    }

    /// Extreme amounts that are accepted (each line up to ¥10^15, the project up to its bound)
    /// go through import, the claim computation, the expenses page, the claim preview and
    /// `jinjibu export claims`, and every one of them gives the same totals.
    @Test func extremeAcceptedAmountsFlowThroughEveryViewWithTheSameTotals() async throws {
        let fixture = try WebFixture()
        let existing: Int64 = 800_000, existingTax: Int64 = 80_000
        try await fixture.withPages { pages, api in
            var random = SplitMix64(seed: 0x6A69_6E6A_6962_7531)
            let session = try await pages.login(.secA)
            for round in 0..<6 {
                let owner = try fixture.ownerConnection()
                try owner.execute("DELETE FROM expenses WHERE evidence_ref LIKE 'X-%'")
                owner.close()
                // Lines that together reach the bound exactly or nearly, each within the amount limit.
                var budget = MoneyLimits.projectTotal.amount - existing - existingTax - Int64(random.next(below: 3))
                var rows: [(amount: Int64, tax: Int64)] = []
                let count = 1 + Int(random.next(below: 5))
                for index in 0..<count {
                    let share = index == count - 1 ? budget : Int64(random.next(below: UInt64(budget) + 1))
                    let tax = Int64(random.next(below: UInt64(share / 10) + 1))
                    rows.append((share - tax, tax))
                    budget -= share
                }
                let amount = rows.map(\.amount).reduce(existing, +), tax = rows.map(\.tax).reduce(existingTax, +)
                let csv = "project,category,incurred_on,paid_on,payee,amount_excl_tax_yen,tax_yen,evidence_ref\n"
                    + rows.enumerated().map { "P-TSUBAME,outsourcing,2024-07-0\($0.offset + 1),2024-07-31,外注先,\($0.element.amount),\($0.element.tax),X-\($0.offset)" }
                        .joined(separator: "\n") + "\n"
                let imported = try await api.request(.post, "/api/v1/imports/expenses", as: .secA, body: Data(csv.utf8))
                #expect(imported.status == .ok, "round \(round): \(imported.text.prefix(500))")

                let preview = try await api.get("/api/v1/projects/P-TSUBAME/claim-preview?as_of=2025-04-30", as: .secA)
                #expect(preview.status == .ok, "round \(round)")
                let totals = preview.json["totals"] as? [String: Any]
                #expect((totals?["total_expenses_yen"] as? NSNumber)?.int64Value == amount, "round \(round)")
                #expect((totals?["tax_yen"] as? NSNumber)?.int64Value == tax, "round \(round)")
                let subsidy = (preview.json["subsidy_yen"] as? NSNumber)?.int64Value

                let expensesPage = try await pages.get("/projects/P-TSUBAME/expenses?as_of=2025-04-30", session: session)
                #expect(expensesPage.status == .ok && expensesPage.text.contains(Yen(amount).formatted), "round \(round)")
                let claimPage = try await pages.get("/projects/P-TSUBAME/claim?as_of=2025-04-30", session: session)
                #expect(claimPage.status == .ok && claimPage.text.contains(Yen(amount).formatted), "round \(round)")

                let export = try await JinjibuCommand.export(fixture.settings)
                #expect(export.status == 0, "round \(round): \(export.output)")
                #expect(export.claims["P-TSUBAME"]?["total_expenses_yen"] == String(amount), "round \(round)")
                #expect(export.claims["P-TSUBAME"]?["subsidy_yen"] == subsidy.map(String.init), "round \(round)")
            }
        }
    }

    /// A row stored before the limits (migration 0010) can no longer trap anything: the pages
    /// answer 409 with a message, and `export claims` fails cleanly with its run recorded as failed.
    @Test func aStoredAmountBeyondTheLimitsIsReportedNotATrap() async throws {
        let fixture = try WebFixture()
        let owner = try fixture.ownerConnection()
        try owner.execute("ALTER TABLE expenses DROP CONSTRAINT expenses_amount_within_limit")
        try owner.execute("ALTER TABLE expenses DISABLE TRIGGER expenses_project_total_insert")
        try owner.execute("""
            INSERT INTO expenses (consortium_id, project_id, line_ref, category, incurred_on, paid_on, payee, amount_excl_tax_yen, tax_yen, evidence_ref)
            SELECT consortium_id, id, 'L-1', 'travel', '2024-06-01', '2024-06-30', 'JR', 9223372036854775807, 0, 'L-1'
            FROM adopted_projects WHERE code = 'P-TSUBAME'
            """)
        owner.close()
        try await fixture.withPages { pages, api in
            let preview = try await api.get("/api/v1/projects/P-TSUBAME/claim-preview", as: .secA)
            #expect(preview.status == .conflict && preview.problemType == "money-limit")
            let session = try await pages.login(.secA)
            #expect(try await pages.get("/projects/P-TSUBAME/expenses", session: session).status == .conflict)
            #expect(try await pages.get("/projects/P-TSUBAME/claim", session: session).status == .conflict)
            #expect(try await pages.get("/projects/P-KOBE/expenses", session: pages.login(.secB)).status == .ok)
        }
        let export = try await JinjibuCommand.export(fixture.settings)
        #expect(export.status != 0 && export.status != 132)
        #expect(export.output.contains("事業 P-TSUBAME"))
        let check = try fixture.ownerConnection()
        defer { check.close() }
        #expect(try check.query("SELECT status FROM export_runs")[0].decode(String.self, "status") == "failed")
    }

    @Test func theCommandLineImportOfAHugeKPITargetExitsWithTheRowsMessage() async throws {
        let fixture = try WebFixture()
        let file = try temporaryFile("project,metric,target\nP-TSUBAME,retention_rate_12m,999999999999999999.5%\n")
        let result = try await JinjibuCommand.run(["import", "kpi_targets", file], settings: fixture.settings)
        #expect(result.status != 0 && result.status != 132)
        #expect(result.output.contains("2行目 target"))
        #expect(result.output.contains(Self.targetMessage))
    }
}

/// `jinjibu` run as a separate process against the fixture's database.
enum JinjibuCommand {
    struct Result {
        let status: Int32
        let output: String
    }

    static func run(_ arguments: [String], settings: PostgresConnectionSettings) async throws -> Result {
        let binary = try RunningService.binary()
        let environment = [
            "DATABASE_URL": RunningService.url(settings), "JINJIBU_SQL_DIR": try SQLFiles.locate().root.path,
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
        let outcome = await ShutdownTests.onThread { () -> Swift.Result<Result, any Error> in
            Swift.Result {
                let process = Process()
                process.executableURL = binary
                process.arguments = arguments
                process.environment = environment
                let pipe = Pipe()
                process.standardOutput = pipe
                process.standardError = pipe
                try process.run()
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
            }
        }
        return try outcome.get()
    }

    /// `export claims` for FY2024 as of 2025-04-30 with English headers; the claims rows by project code.
    static func export(_ settings: PostgresConnectionSettings) async throws -> (status: Int32, output: String, claims: [String: [String: String]]) {
        let out = TestCluster.scratchDirectory("export").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try await run(["export", "claims", "--fiscal-year", "2024", "--as-of", "2025-04-30", "--headers", "en", "--out", out],
                                   settings: settings)
        var claims: [String: [String: String]] = [:]
        if let text = try? String(contentsOfFile: out + "/claims.csv", encoding: .utf8) {
            let rows = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            if let header = rows.first {
                for row in rows.dropFirst() where row.count == header.count {
                    let record = Dictionary(uniqueKeysWithValues: zip(header, row))
                    if let code = record["project_code"] { claims[code] = record }
                }
            }
        }
        return (result.status, result.output, claims)
    }
}

/// A small seeded generator, so that a failing round can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(below bound: UInt64) -> UInt64 { bound == 0 ? 0 : next() % bound }
}
