import Foundation
import Postgres
import Store
import Testing
import TestSupport

/// The real `jinjibu` executable, run as an operator would: beside a running service on the
/// same embedded cluster, and with output paths that hold something else.
@Suite struct CommandLineTests {
    struct Outcome {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Runs `jinjibu` with `arguments` and a minimal environment, waiting for it to exit.
    static func jinjibu(_ arguments: [String], environment extra: [String: String]) async throws -> Outcome {
        let process = Process()
        process.executableURL = try RunningService.binary()
        process.arguments = arguments
        var environment = [
            "JINJIBU_SQL_DIR": try SQLFiles.locate().root.path,
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "LOG_LEVEL": "warning",
        ]
        environment.merge(extra) { $1 }
        process.environment = environment
        let scratch = TestCluster.scratchDirectory("cli")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outputFile = scratch.appendingPathComponent("out").path
        let errorFile = scratch.appendingPathComponent("err").path
        FileManager.default.createFile(atPath: outputFile, contents: nil)
        FileManager.default.createFile(atPath: errorFile, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: outputFile)
        process.standardError = FileHandle(forWritingAtPath: errorFile)
        try process.run()
        await ShutdownTests.onThread { process.waitUntilExit() }
        return Outcome(
            status: process.terminationStatus,
            output: (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? "",
            errors: (try? String(contentsOfFile: errorFile, encoding: .utf8)) ?? "")
    }

    // MARK: Item 7: a command beside `serve` on the embedded cluster

    /// A service holds the embedded cluster with an open connection; a command run beside it
    /// on the same JINJIBU_HOME uses the cluster and leaves it running: the service's
    /// connection still works and the postmaster is the same process.
    @Test(.timeLimit(.minutes(3)))
    func aCommandBesideTheServiceLeavesItsDatabaseRunning() async throws {
        let home = TestCluster.scratchDirectory("home")
        defer { try? FileManager.default.removeItem(at: home) }
        let service = EmbeddedPostgres(directory: home.appendingPathComponent("postgres"))
        try service.start()
        defer { service.stop() }
        let postmaster = try #require(service.pid)
        let connection = try PostgresConnection(settings: service.settings())
        defer { connection.close() }

        for command in [["migrate"], ["migrate", "--dry-run"]] {
            let outcome = try await Self.jinjibu(command, environment: ["JINJIBU_HOME": home.path])
            #expect(outcome.status == 0, "\(command): \(outcome.errors)")
        }
        #expect(service.pid == postmaster)
        #expect(try connection.query("SELECT 1 AS one")[0].decode(Int.self, "one") == 1)
    }

    /// Two commands starting the embedded cluster at once, on a home with no cluster yet:
    /// both succeed on one postmaster, and the last to finish stops it.
    @Test(.timeLimit(.minutes(3)))
    func twoCommandsStartingTheClusterAtOnceShareOne() async throws {
        let home = TestCluster.scratchDirectory("home")
        defer { try? FileManager.default.removeItem(at: home) }
        async let first = Self.jinjibu(["migrate"], environment: ["JINJIBU_HOME": home.path])
        async let second = Self.jinjibu(["migrate"], environment: ["JINJIBU_HOME": home.path])
        let outcomes = try await [first, second]
        for outcome in outcomes { #expect(outcome.status == 0, "\(outcome.errors)") }
        let cluster = EmbeddedPostgres(directory: home.appendingPathComponent("postgres"))
        let log = try String(contentsOf: cluster.logFile, encoding: .utf8)
        #expect(log.components(separatedBy: "database system is ready to accept connections").count - 1 == 1, "\(log.suffix(2000))")
        #expect(!cluster.isRunning)
    }

    // MARK: Item 8: output paths that hold something else

    static let organizations = """
        code,kind,name,corporate_number
        goodco,company,株式会社よい,7110002019384
        badco,company,株式会社だめ,1234567890123

        """

    func organizationCount(_ settings: PostgresConnectionSettings) throws -> Int {
        let connection = try PostgresConnection(settings: settings)
        defer { connection.close() }
        return try connection.query("SELECT count(*)::int AS n FROM organizations")[0].decode(Int.self, "n")
    }

    /// `--rejects` naming a directory, a named pipe or a symbolic link is refused with exit
    /// status 2 before anything is imported, and what is there stays as it was.
    @Test(.timeLimit(.minutes(2)))
    func aRejectsPathThatIsNoRegularFileIsRefusedAndLeftAlone() async throws {
        let settings = try TestCluster.freshDatabase()
        let input = try temporaryFile(Self.organizations)
        let place = TestCluster.scratchDirectory("rejects")
        try FileManager.default.createDirectory(at: place, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: place) }
        let directory = place.appendingPathComponent("kept")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("precious".utf8).write(to: directory.appendingPathComponent("inside.txt"))
        let pipe = place.appendingPathComponent("pipe").path
        #expect(mkfifo(pipe, 0o600) == 0)
        let target = place.appendingPathComponent("target.csv").path
        try Data("target".utf8).write(to: URL(fileURLWithPath: target))
        let link = place.appendingPathComponent("link.csv").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let before = try organizationCount(settings)

        for (path, kind) in [(directory.path, "ディレクトリ"), (pipe, "名前付きパイプ"), (link, "シンボリックリンク")] {
            let outcome = try await Self.jinjibu(
                ["import", "organizations", input, "--skip-invalid", "--rejects", path],
                environment: ["DATABASE_URL": RunningService.url(settings)])
            #expect(outcome.status == 2, "\(path): \(outcome.status) \(outcome.errors)")
            #expect(outcome.errors.contains(path) && outcome.errors.contains(kind), "\(outcome.errors)")
        }
        #expect(try String(contentsOf: directory.appendingPathComponent("inside.txt"), encoding: .utf8) == "precious")
        #expect(OutputPath.kind(of: pipe) == .pipe)
        #expect(OutputPath.kind(of: link) == .symbolicLink)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "target")
        #expect(try organizationCount(settings) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: place.path).sorted() == ["kept", "link.csv", "pipe", "target.csv"])
    }

    /// A regular file at `--rejects` is replaced whole by the rejects, with no temporary file
    /// left beside it.
    @Test(.timeLimit(.minutes(2)))
    func aRejectsFileReplacesARegularFile() async throws {
        let settings = try TestCluster.freshDatabase()
        let input = try temporaryFile(Self.organizations)
        let place = TestCluster.scratchDirectory("rejects")
        try FileManager.default.createDirectory(at: place, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: place) }
        let rejects = place.appendingPathComponent("rejects.csv").path
        try Data("old rejects".utf8).write(to: URL(fileURLWithPath: rejects))
        let outcome = try await Self.jinjibu(
            ["import", "organizations", input, "--skip-invalid", "--rejects", rejects],
            environment: ["DATABASE_URL": RunningService.url(settings)])
        #expect(outcome.status == 0, "\(outcome.errors)")
        let written = try String(contentsOfFile: rejects, encoding: .utf8)
        #expect(written.hasPrefix("code,kind,name,corporate_number,") && written.contains("badco") && !written.contains("goodco"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: place.path) == ["rejects.csv"])
        #expect(OutputPath.kind(of: rejects) == .regularFile)
    }

    /// `export claims --out` naming a regular file or a link is refused with exit status 2 and
    /// left as it was; a directory with anything in it is refused too.
    @Test(.timeLimit(.minutes(2)))
    func anExportOutputThatIsNoEmptyDirectoryIsRefusedAndLeftAlone() async throws {
        let settings = try TestCluster.freshDatabase()
        let place = TestCluster.scratchDirectory("out")
        try FileManager.default.createDirectory(at: place, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: place) }
        let file = place.appendingPathComponent("file").path
        try Data("file".utf8).write(to: URL(fileURLWithPath: file))
        let empty = place.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let link = place.appendingPathComponent("link").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: empty.path)
        let full = place.appendingPathComponent("full")
        try FileManager.default.createDirectory(at: full, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: full.appendingPathComponent("claims.csv"))

        for path in [file, link, full.path] {
            let outcome = try await Self.jinjibu(
                ["export", "claims", "--fiscal-year", "2024", "--out", path],
                environment: ["DATABASE_URL": RunningService.url(settings)])
            #expect(outcome.status == 2, "\(path): \(outcome.status) \(outcome.errors)")
            #expect(outcome.errors.contains(path), "\(outcome.errors)")
        }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "file")
        #expect(OutputPath.kind(of: link) == .symbolicLink)
        #expect(try String(contentsOf: full.appendingPathComponent("claims.csv"), encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: place.path).sorted() == ["empty", "file", "full", "link"])
    }
}

/// The layers' user errors reach the operator as one message and exit status 1, without a
/// command wrapping each (INTERFACES.md: 1 a user error, nothing changed).
@Suite struct CommandLineUserErrorTests {
    @Test(.timeLimit(.minutes(2)))
    func aClaimErrorAndAnAccountErrorExitOneWithTheirMessage() async throws {
        let environment = ["DATABASE_URL": RunningService.url(try TestCluster.freshDatabase())]
        let claim = try await CommandLineTests.jinjibu(["claim", "compute", "no-such-project"], environment: environment)
        #expect(claim.status == 1, "\(claim.errors)")
        #expect(claim.errors.hasPrefix("エラー: ") && claim.errors.contains("no-such-project"), "\(claim.errors)")
        let token = try await CommandLineTests.jinjibu(["token", "list", "--user", "nobody"], environment: environment)
        #expect(token.status == 1, "\(token.errors)")
        #expect(token.errors.hasPrefix("エラー: "), "\(token.errors)")
    }
}
