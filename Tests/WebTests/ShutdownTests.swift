import Foundation
import Postgres
import Store
import Testing
import TestSupport

/// SIGTERM in the middle of traffic, against the real `jinjibu serve` process: the service
/// stops accepting connections, answers every request it had started, exits 0 within its
/// shutdown timeout, and no write is done without its answer reaching the client.
@Suite(.serialized) struct ShutdownTests {
    static let shutdownTimeout = 10

    @Test(.timeLimit(.minutes(3)))
    func sigtermUnderLoadFinishesInFlightRequestsAndExitsInTime() async throws {
        let running = try await RunningService.start(shutdownTimeout: Self.shutdownTimeout)
        defer { running.stop() }
        let (service, client, token, settings) = (running.process, running.client, running.token, running.settings)

        // Twelve clients, each one request per connection, half reads (the claim computation)
        // and half writes (one expense line each, with its own reference).
        let signalled = LockedFlag()
        let results = ResultLog()
        let clientsDone = DispatchGroup()
        let clients = (0..<12).map { number in
            clientsDone.enter()
            return Thread {
                defer { clientsDone.leave() }
                var n = 0
                while true {
                    n += 1
                    let lineRef = "C\(number)-\(n)"
                    let isWrite = n % 2 == 0
                    let request: String
                    if isWrite {
                        request = RunningService.expensePost(lineRef: lineRef, token: token)
                    } else {
                        request = "GET /api/v1/projects/p1/claim-preview?as_of=2025-03-31 HTTP/1.1\r\nHost: localhost\r\n"
                            + "Authorization: Bearer \(token)\r\nConnection: close\r\n\r\n"
                    }
                    let exchange = client.exchange(request)
                    results.append(.init(lineRef: isWrite ? lineRef : nil, outcome: exchange.outcome,
                                         afterSignal: signalled.isSet, finishedAt: exchange.finishedAt))
                    if case .refused = exchange.outcome { return }
                    if signalled.isSet, case .notServed = exchange.outcome { return }
                }
            }
        }
        clients.forEach { $0.start() }

        try await Task.sleep(for: .milliseconds(1500))
        let signalledAt = ContinuousClock.now
        signalled.set()
        kill(service.processIdentifier, SIGTERM)
        let exited = await Self.onThread { () -> Bool in
            let deadline = Date().addingTimeInterval(Double(Self.shutdownTimeout + 10))
            while service.isRunning && Date() < deadline { usleep(20_000) }
            return !service.isRunning
        }
        let shutdownDuration = ContinuousClock.now - signalledAt
        try #require(exited, "still running \(Self.shutdownTimeout + 10) s after SIGTERM: \(running.log)")
        #expect(service.terminationReason == .exit && service.terminationStatus == 0, "exit \(service.terminationStatus): \(running.log)")
        #expect(shutdownDuration < .seconds(Self.shutdownTimeout), "took \(shutdownDuration)")
        await Self.onThread { clientsDone.wait() }

        let all = results.entries
        let answered = all.filter { if case .answered = $0.outcome { true } else { false } }
        let broken = all.filter { if case .broken = $0.outcome { true } else { false } }
        #expect(broken.isEmpty, "responses cut short: \(broken.prefix(5).map { "\($0.outcome)" })")
        #expect(answered.count > 20, "too little traffic to prove anything: \(answered.count) answers")
        for entry in answered {
            guard case .answered(let status, let body) = entry.outcome else { continue }
            #expect(status == (entry.lineRef == nil ? 200 : 201), "\(status): \(body.prefix(300))")
        }
        // Requests in flight when the signal came were answered after it.
        let answeredAfterSignal = all.filter { entry in
            if case .answered = entry.outcome { return entry.finishedAt > signalledAt } else { return false }
        }
        #expect(!answeredAfterSignal.isEmpty, "no request was in flight at the signal")
        #expect(all.contains { if case .refused = $0.outcome { true } else { false } }, "new connections were still accepted")

        // Exactly the writes that were answered 201 are stored; none that went unanswered.
        let created = Set(answered.compactMap { entry -> String? in
            guard case .answered(201, _) = entry.outcome else { return nil }
            return entry.lineRef
        })
        let connection = try PostgresConnection(settings: settings)
        defer { connection.close() }
        let stored = Set(try connection.query("SELECT line_ref FROM expenses").map { try $0.decode(String.self, "line_ref") })
        #expect(stored == created, "stored but unanswered: \(stored.subtracting(created).sorted().prefix(5)); answered but missing: \(created.subtracting(stored).sorted().prefix(5))")
    }

    /// A request stuck behind a lock does not hold the process: after the shutdown timeout the
    /// service gives up on it and exits anyway, and the stuck write is not stored.
    @Test(.timeLimit(.minutes(2)))
    func sigtermWithAStuckRequestExitsAfterTheShutdownTimeout() async throws {
        let running = try await RunningService.start(shutdownTimeout: 2)
        defer { running.stop() }
        let (service, client, settings) = (running.process, running.client, running.settings)

        let blocker = try PostgresConnection(settings: settings)
        defer { blocker.close() }
        try blocker.executeScript(unsafeSQL: "BEGIN; LOCK TABLE expenses IN ACCESS EXCLUSIVE MODE")
        let request = RunningService.expensePost(lineRef: "STUCK", token: running.token)
        let stuck = Task { await Self.onThread { client.exchange(request).outcome } }
        // The write waits for the lock.
        try await Task.sleep(for: .milliseconds(500))
        let signalledAt = ContinuousClock.now
        kill(service.processIdentifier, SIGTERM)
        let exited = await Self.onThread { () -> Bool in
            let deadline = Date().addingTimeInterval(20)
            while service.isRunning && Date() < deadline { usleep(20_000) }
            return !service.isRunning
        }
        let shutdownDuration = ContinuousClock.now - signalledAt
        try blocker.executeScript(unsafeSQL: "ROLLBACK")
        try #require(exited, "still running 20 s after SIGTERM: \(running.log)")
        #expect(shutdownDuration >= .seconds(2), "gave up before the timeout: \(shutdownDuration)")
        #expect(shutdownDuration < .seconds(8), "took \(shutdownDuration)")
        let outcome = await stuck.value
        if case .answered(let status, _) = outcome { #expect(status != 201, "\(outcome)") }
        let stored = try blocker.query("SELECT count(*)::int AS n FROM expenses WHERE line_ref = 'STUCK'")[0].decode(Int.self, "n")
        #expect(stored == 0)
    }

    /// Blocking work on a thread of its own, off the cooperative pool.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: body()) }.start()
        }
    }
}

/// `jinjibu serve` run from the executable `swift test` builds beside the test bundle, on a
/// fresh test database seeded with one project (`p1`) and an administrator's token.
final class RunningService: Sendable {
    let process: Process
    let client: LoopbackClient
    let token: String
    let settings: PostgresConnectionSettings
    let logFile: String

    private init(process: Process, client: LoopbackClient, token: String, settings: PostgresConnectionSettings, logFile: String) {
        self.process = process
        self.client = client
        self.token = token
        self.settings = settings
        self.logFile = logFile
    }

    /// `poolSize` nil leaves the size to the service (or `environment`); `logLevel` info keeps
    /// the start's lines.
    static func start(
        shutdownTimeout: Int, poolSize: Int? = 4, environment extra: [String: String] = [:], logLevel: String = "warning"
    ) async throws -> RunningService {
        let settings = try TestCluster.freshDatabase(empty: true)
        let token = try OutageTests.seed(settings)
        let port = try LoopbackClient.freePort()
        let logFile = TestCluster.scratchDirectory("service-log").path
        FileManager.default.createFile(atPath: logFile, contents: nil)
        let process = Process()
        process.executableURL = try binary()
        process.arguments = ["serve", "--port", "\(port)", "--shutdown-timeout", "\(shutdownTimeout)"]
            + (poolSize.map { ["--pool-size", "\($0)"] } ?? [])
        process.environment = [
            "DATABASE_URL": url(settings),
            "JINJIBU_SQL_DIR": try SQLFiles.locate().root.path,
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "LOG_LEVEL": logLevel,
        ].merging(extra) { _, given in given }
        process.standardOutput = FileHandle(forWritingAtPath: logFile)
        process.standardError = FileHandle(forWritingAtPath: logFile)
        try process.run()
        let running = RunningService(process: process, client: LoopbackClient(port: port), token: token, settings: settings, logFile: logFile)
        let client = running.client
        let ready = await ShutdownTests.onThread { () -> Bool in
            for _ in 0..<300 {
                if case .answered(200, _) = client.exchange("GET /readyz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").outcome { return true }
                usleep(100_000)
            }
            return false
        }
        guard ready else {
            running.stop()
            throw PostgresError(kind: .connection, message: "the service did not become ready: \(running.log)")
        }
        return running
    }

    /// Kills the process if it still runs and removes its log.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(atPath: logFile)
    }

    /// The end of the service's log, for failure messages.
    var log: String {
        String((try? String(contentsOfFile: logFile, encoding: .utf8))?.suffix(2000) ?? "")
    }

    /// A request that stores one expense line of p1 under `lineRef`.
    static func expensePost(lineRef: String, token: String) -> String {
        let body = #"{"category":"travel","incurred_on":"2024-06-01","payee":"JR","amount_excl_tax_yen":1000,"line_ref":"\#(lineRef)","evidence_ref":"\#(lineRef)"}"#
        return "POST /api/v1/projects/p1/expenses HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(token)\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
    }

    /// The `jinjibu` executable built beside this test bundle (`swift test` builds every product).
    static func binary() throws -> URL {
        let bundle = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        let binary = bundle.deletingLastPathComponent().appendingPathComponent("jinjibu")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw PostgresError(kind: .connection, message: "no jinjibu executable at \(binary.path); run `swift build` first")
        }
        return binary
    }

    static func url(_ settings: PostgresConnectionSettings) -> String {
        let host = settings.parameters["host"] ?? "/tmp"
        return "postgresql:///\(settings.parameters["dbname"] ?? "jinjibu")?host=\(host)&user=\(settings.parameters["user"] ?? "postgres")"
    }
}

/// What became of one request.
enum ExchangeOutcome: Sendable, CustomStringConvertible {
    /// A complete response.
    case answered(Int, String)
    /// The connection was refused: the service no longer listens.
    case refused
    /// Connected, but closed or reset before a single byte of response: the service never
    /// took the request up (it was still in the listen queue when the listener closed).
    case notServed
    /// Part of a response, then the connection ended: an in-flight request was dropped.
    case broken(String)

    var description: String {
        switch self {
        case .answered(let status, _): "answered \(status)"
        case .refused: "refused"
        case .notServed: "not served"
        case .broken(let why): "broken: \(why)"
        }
    }
}

final class ResultLog: @unchecked Sendable {
    struct Entry {
        var lineRef: String?
        var outcome: ExchangeOutcome
        var afterSignal: Bool
        var finishedAt: ContinuousClock.Instant
    }
    private let lock = NSLock()
    private var stored: [Entry] = []
    func append(_ entry: Entry) { lock.withLock { stored.append(entry) } }
    var entries: [Entry] { lock.withLock { stored } }
}

final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}

/// A blocking HTTP/1.1 client over a plain socket, one request per connection, that tells a
/// refused connection, a request never taken up, and a response cut short apart.
struct LoopbackClient: Sendable {
    let port: UInt16

    static func freePort() throws -> UInt16 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Int32 in
                guard bind(descriptor, pointer, length) == 0 else { return -1 }
                return getsockname(descriptor, pointer, &length)
            }
        }
        guard bound == 0 else { throw PostgresError(kind: .connection, message: "no free port") }
        return UInt16(bigEndian: address.sin_port)
    }

    static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    func exchange(_ request: String) -> (outcome: ExchangeOutcome, finishedAt: ContinuousClock.Instant) {
        let outcome = run(request)
        return (outcome, ContinuousClock.now)
    }

    private func run(_ request: String) -> ExchangeOutcome {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return .broken("socket: \(errno)") }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = Self.loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return errno == ECONNREFUSED ? .refused : .broken("connect: \(errno)") }
        let bytes = Array(request.utf8)
        var sent = 0
        while sent < bytes.count {
            let written = bytes[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written <= 0 { return .notServed }
            sent += written
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 { received.append(contentsOf: buffer[0..<count]); continue }
            if count == 0 || errno == ECONNRESET { break }
            if errno == EINTR { continue }
            return received.isEmpty ? .broken("no answer: errno \(errno)") : .broken("read: errno \(errno) after \(received.count) bytes")
        }
        guard !received.isEmpty else { return .notServed }
        return Self.parse(received)
    }

    /// A complete response has a status line, headers, and as many body bytes as
    /// Content-Length says (or a final chunk when chunked).
    static func parse(_ bytes: [UInt8]) -> ExchangeOutcome {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let headerEnd = text.range(of: "\r\n\r\n") else { return .broken("headers cut short") }
        let head = text[..<headerEnd.lowerBound]
        let statusLine = head.prefix { $0 != "\r" }.split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return .broken("no status line") }
        let headerLines = head.split(separator: "\r\n").dropFirst().map { $0.lowercased() }
        let bodyBytes = bytes.count - text[..<headerEnd.upperBound].utf8.count
        let body = String(text[headerEnd.upperBound...])
        if let length = headerLines.first(where: { $0.hasPrefix("content-length:") }).flatMap({ Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) }) {
            return bodyBytes == length ? .answered(status, body) : .broken("\(bodyBytes) of \(length) body bytes")
        }
        if headerLines.contains(where: { $0.hasPrefix("transfer-encoding:") && $0.contains("chunked") }) {
            return body.hasSuffix("0\r\n\r\n") ? .answered(status, body) : .broken("chunked body without its last chunk")
        }
        return .answered(status, body)
    }
}
