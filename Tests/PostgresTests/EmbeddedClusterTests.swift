import Foundation
@testable import Postgres
import Testing
import TestSupport

@Suite struct EmbeddedClusterTests {
    @Test func restartKeepsTheData() throws {
        let directory = TestCluster.scratchDirectory("restart")
        defer { try? FileManager.default.removeItem(at: directory) }
        let cluster = EmbeddedPostgres(directory: directory, options: .init(durable: false))
        try cluster.start()
        defer { cluster.stop() }
        #expect(cluster.isRunning)
        do {
            let connection = try PostgresConnection(settings: cluster.settings())
            try connection.executeScript(unsafeSQL: "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('残る')")
            connection.close()
        }
        cluster.stop()
        #expect(!cluster.isRunning)
        #expect(throws: PostgresError.self) { _ = try PostgresConnection(settings: cluster.settings()) }
        try cluster.start()
        let connection = try PostgresConnection(settings: cluster.settings())
        #expect(try connection.query("SELECT v FROM kept")[0].decode(String.self, "v") == "残る")
        connection.close()
        // No TCP listener: the socket directory holds the only way in.
        #expect(FileManager.default.fileExists(atPath: cluster.socketDirectory.appendingPathComponent(".s.PGSQL.5432").path))
    }

    /// What `serve` and a command run beside it do: the second finds the cluster running,
    /// joins it, and when it is done leaves it running for the first, whose connection works
    /// on. The last one to stop shuts it down, whoever launched it.
    @Test(.timeLimit(.minutes(2)))
    func aSecondUserJoinsTheRunningClusterAndLeavesItRunning() throws {
        let directory = TestCluster.scratchDirectory("shared")
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = EmbeddedPostgres(directory: directory, options: .init(durable: false))
        try server.start()
        defer { server.stop() }
        #expect(server.launchedPostmaster)
        let postmaster = try #require(server.pid)
        let serverConnection = try PostgresConnection(settings: server.settings())
        defer { serverConnection.close() }

        let command = EmbeddedPostgres(directory: directory, options: .init(durable: false))
        try command.start()
        #expect(!command.launchedPostmaster)
        #expect(command.pid == postmaster)
        let commandConnection = try PostgresConnection(settings: command.settings())
        #expect(try commandConnection.query("SELECT 1 AS one")[0].decode(Int.self, "one") == 1)
        commandConnection.close()
        command.stop()

        #expect(server.pid == postmaster)
        #expect(try serverConnection.query("SELECT 2 AS two")[0].decode(Int.self, "two") == 2)

        // The other way round: the one that launched it stops first and leaves it to the other.
        try command.start()
        server.stop()
        #expect(command.pid == postmaster)
        #expect(try serverConnection.query("SELECT 3 AS three")[0].decode(Int.self, "three") == 3)
        command.stop()
        #expect(!command.isRunning)
        #expect(!Postmaster.isAlive(postmaster))
    }

    /// Several processes starting the cluster at once (on a directory with no cluster yet, so
    /// one of them also runs initdb) end up with one postmaster that all of them use.
    @Test(.timeLimit(.minutes(2)))
    func concurrentStartersShareOneCluster() async throws {
        let directory = TestCluster.scratchDirectory("race")
        defer { try? FileManager.default.removeItem(at: directory) }
        let clusters = (0..<4).map { _ in EmbeddedPostgres(directory: directory, options: .init(durable: false)) }
        defer { clusters.forEach { $0.stop() } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for cluster in clusters {
                group.addTask { try await Self.onThread { try cluster.start() } }
            }
            try await group.waitForAll()
        }
        #expect(clusters.filter(\.launchedPostmaster).count == 1)
        #expect(Set(clusters.map(\.pid)).count == 1)
        for cluster in clusters {
            let connection = try PostgresConnection(settings: cluster.settings())
            #expect(try connection.query("SELECT 1 AS one")[0].decode(Int.self, "one") == 1)
            connection.close()
        }
        let log = try String(contentsOf: clusters[0].logFile, encoding: .utf8)
        #expect(log.components(separatedBy: "database system is ready to accept connections").count - 1 == 1)
        clusters.dropLast().forEach { $0.stop() }
        #expect(clusters.last!.isRunning)
        clusters.last!.stop()
        #expect(!clusters.last!.isRunning)
    }

    /// Only a live postgres on this data directory counts: a pid file naming a dead process,
    /// or a live process that is something else (its pid reused), is a leftover; the process
    /// is not signalled and the cluster starts.
    @Test(.timeLimit(.minutes(2)))
    func aPidFileOfAnotherProcessIsStaleAndThatProcessIsLeftAlone() throws {
        let directory = TestCluster.scratchDirectory("stale")
        defer { try? FileManager.default.removeItem(at: directory) }
        let cluster = EmbeddedPostgres(directory: directory, options: .init(durable: false))
        try cluster.start()
        cluster.stop()
        let bystander = Process()
        bystander.executableURL = URL(fileURLWithPath: "/bin/sleep")
        bystander.arguments = ["60"]
        try bystander.run()
        defer { bystander.terminate() }
        try "\(bystander.processIdentifier)\n\(cluster.dataDirectory.path)\n".write(to: cluster.pidFile, atomically: true, encoding: .utf8)
        #expect(!cluster.isRunning)
        try cluster.start()
        defer { cluster.stop() }
        #expect(cluster.launchedPostmaster && cluster.pid != bystander.processIdentifier)
        #expect(bystander.isRunning)
    }

    static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    @Test func missingServerProgramsGiveAClearError() {
        let error = #expect(throws: PostgresError.self) {
            _ = try PostgresBinaries.locate(environment: ["PATH": "/nonexistent"], debianRoot: URL(fileURLWithPath: "/nonexistent"))
        }
        #expect(error?.kind == .cluster)
        #expect(error?.message.contains("initdb") == true)
    }
}
