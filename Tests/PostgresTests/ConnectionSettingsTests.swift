@testable import Postgres
import Testing
import TestSupport

/// The service's sessions run without JIT compilation unless the operator's connection string
/// asks for options of its own (see `PostgresConnectionSettings`).
@Suite struct ConnectionSettingsTests {
    func jit(_ settings: PostgresConnectionSettings) throws -> String {
        let connection = try PostgresConnection(settings: settings)
        return try connection.query("SHOW jit")[0].decode(String.self, "jit")
    }

    @Test func sessionsRunWithoutJITByDefault() throws {
        let settings = try TestCluster.freshDatabase(empty: true)
        #expect(try jit(settings) == "off")
    }

    @Test func optionsGivenAsAParameterAreTheOperatorsAndWin() throws {
        var settings = try TestCluster.freshDatabase(empty: true)
        settings.parameters["options"] = "-c jit=on"
        #expect(try jit(settings) == "on")
    }

    @Test func optionsGivenInTheConnectionStringAreTheOperatorsAndWin() throws {
        var settings = try TestCluster.freshDatabase(empty: true)
        settings.url = "options='-c jit=on'"
        #expect(try jit(settings) == "on")
    }

    @Test(arguments: [
        ("postgresql:///jinjibu?host=/tmp&options=-c%20jit%3Don", true),
        ("postgresql://app@db.example/jinjibu?sslmode=require", false),
        ("host=/tmp dbname=jinjibu options='-c work_mem=64MB'", true),
        ("not a connection string ' at all", false),
    ])
    func libpqDecidesWhetherAConnectionStringNamesOptions(url: String, names: Bool) {
        #expect(PostgresConnectionSettings.url(url, names: "options") == names)
    }

    @Test func aServiceFileEntryKeepsItsOwnOptions() {
        #expect(PostgresConnectionSettings.url("service=jinjibu", names: "service"))
        #expect(PostgresConnectionSettings.url("postgresql:///jinjibu?service=jinjibu", names: "service"))
        let settings = PostgresConnectionSettings(url: "postgresql:///jinjibu?service=jinjibu")
        #expect(!settings.keywordValues.contains { $0.0 == "options" })
        let plain = PostgresConnectionSettings(url: "postgresql:///jinjibu")
        #expect(plain.keywordValues.contains { $0 == ("options", "-c jit=off") })
    }
}
