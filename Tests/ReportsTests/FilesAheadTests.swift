import Foundation
@testable import Reports
import Testing

/// `FilesAhead` creates an export's project files on its own thread; the writer waits for each.
@Suite struct FilesAheadTests {
    func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jinjibu-files-ahead-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url.appendingPathComponent("projects"), withIntermediateDirectories: true)
        return url
    }

    @Test func createsEveryFileEmptyInOrderAndTheWriterOpensThem() throws {
        let directory = try directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let names = (1...300).map { "projects/P\($0).csv" }
        let files = FilesAhead(names: names, in: directory)
        defer { files.stop() }
        for (index, name) in names.enumerated() {
            try files.waitFor(index)
            let file = try ExportFile(created: name, in: directory)
            try file.write("x\n")
            #expect(try file.close().count == 64)
        }
        for name in names {
            #expect(try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) == "x\n")
        }
    }

    @Test func aPathThatAlreadyExistsIsNeverWrittenAndItsIndexFailsNamingIt() throws {
        let directory = try directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let planted = directory.appendingPathComponent("projects/P2.csv")
        try Data("someone else's\n".utf8).write(to: planted)
        let files = FilesAhead(names: ["projects/P1.csv", "projects/P2.csv", "projects/P3.csv"], in: directory)
        defer { files.stop() }
        try files.waitFor(0)
        #expect {
            try files.waitFor(1)
        } throws: { error in
            "\(error)".contains(planted.path)
        }
        // Creation stops at the first failure: the writer stops there too.
        #expect(throws: ExportError.self) { try files.waitFor(2) }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("projects/P3.csv").path))
        #expect(try String(contentsOf: planted, encoding: .utf8) == "someone else's\n")
    }

    @Test func stopWaitsForTheThreadSoNothingIsCreatedAfterIt() throws {
        let directory = try directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = FilesAhead(names: (1...5_000).map { "projects/P\($0).csv" }, in: directory)
        try files.waitFor(0)
        files.stop()
        let count = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("projects").path).count
        Thread.sleep(forTimeInterval: 0.05)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("projects").path).count == count)
        #expect(count >= 1)
    }
}
