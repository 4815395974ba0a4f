import Foundation
import Postgres
import Store
import Testing
import TestSupport

/// `jinjibu report consortium` and `report plan` run as an operator would, on the demo data:
/// every form ends the same way on standard output, and an unknown code is a user error.
@Suite struct ReportCommandTests {
    @Test(.timeLimit(.minutes(3)))
    func eachFormEndsInOneNewlineAndAnUnknownCodeIsNamed() async throws {
        let settings = try TestCluster.freshDatabase()
        try await offThread {
            let connection = try PostgresConnection(settings: settings)
            defer { connection.close() }
            _ = try DemoData.loadIfEmpty(on: connection, actor: "test")
        }
        let environment = ["DATABASE_URL": RunningService.url(settings)]
        let run = { (arguments: [String]) in try await CommandLineTests.jinjibu(arguments, environment: environment) }

        let json = try await run(["report", "consortium", "tsubame", "--fiscal-year", "R6", "--format", "json", "--as-of", "2025-07-31"])
        #expect(json.status == 0, "\(json.errors)")
        #expect(json.output.hasSuffix("}\n"))
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(object["fiscal_year"] as? Int == 2024)

        let table = try await run(["report", "consortium", "tsubame", "--fiscal-year", "R6", "--as-of", "2025-07-31"])
        #expect(table.status == 0, "\(table.errors)")
        #expect(table.output.hasSuffix("\n") && !table.output.hasSuffix("\n\n"))

        let plan = "tsubame-2024-2026"
        let planTable = try await run(["report", "plan", plan, "--as-of", "2025-07-31"])
        #expect(planTable.status == 0 && planTable.output.hasSuffix("\n") && !planTable.output.hasSuffix("\n\n"), "\(planTable.errors)")
        let planJSON = try await run(["report", "plan", plan, "--format", "json", "--as-of", "2025-07-31"])
        #expect(planJSON.status == 0 && planJSON.output.hasSuffix("}\n"), "\(planJSON.errors)")
        let planCSV = try await run(["report", "plan", plan, "--format", "csv", "--as-of", "2025-07-31"])
        #expect(planCSV.status == 0 && planCSV.output.hasSuffix("\r\n") && !planCSV.output.hasSuffix("\r\n\n"), "\(planCSV.errors)")

        let unknown = try await run(["report", "consortium", "nowhere", "--fiscal-year", "2024"])
        #expect(unknown.status == 1 && unknown.output.isEmpty)
        #expect(unknown.errors.contains("コンソーシアム nowhere は登録されていません"), "\(unknown.errors)")
        let unknownPlan = try await run(["report", "plan", "nowhere"])
        #expect(unknownPlan.status == 1 && unknownPlan.errors.contains("計画 nowhere は登録されていません"), "\(unknownPlan.errors)")
    }
}
