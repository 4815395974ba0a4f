import Foundation
import Testing

/// `jinjibu grant …` and `claim status --reason` through the real executable (issue 15): the
/// steps recorded from the command line, refusals in the user's words with exit status 1.
@Suite struct GrantCommandLineTests {
    @Test(.timeLimit(.minutes(3)))
    func theLifecycleStepsFromTheCommandLine() async throws {
        let fixture = try await WebFixture.make()
        let environment = ["DATABASE_URL": RunningService.url(fixture.settings)]
        func run(_ arguments: [String]) async throws -> (status: Int32, output: String, errors: String) {
            let result = try await CommandLineTests.jinjibu(arguments, environment: environment)
            return (result.status, result.output, result.errors)
        }
        let decided = try await run(["grant", "decide", "P-TSUBAME", "--decided-on", "令和6年4月15日", "--number", "関局第12号",
                                     "--amount", "9000000", "--budget", "venue=400000", "advertising=600000"])
        #expect(decided.status == 0 && decided.output.contains("交付決定 関局第12号"), "\(decided.errors)")
        let change = try await run(["grant", "decide", "P-TSUBAME", "--decided-on", "2024-10-01", "--number", "関局第30号", "--amount", "8000000"])
        #expect(change.status == 1 && change.errors.contains("変更交付決定には変更の理由を書いてください"), "\(change.errors)")
        #expect(try await run(["grant", "pay", "P-TSUBAME", "--paid-on", "2024-07-01", "--amount", "200000", "--sequence", "1"]).status == 0)
        // Someone else's entry of the same payment, or a number no payment takes: refused, nothing recorded.
        let twice = try await run(["grant", "pay", "P-TSUBAME", "--paid-on", "2024-07-01", "--amount", "200000", "--sequence", "1"])
        #expect(twice.status == 1 && twice.errors.contains("1回目の概算払は既に登録されています"), "\(twice.errors)")
        for number in ["0", "-9223372036854775808", "3"] {
            let wrong = try await run(["grant", "pay", "P-TSUBAME", "--paid-on", "2024-07-02", "--amount", "1", "--sequence=\(number)"])
            #expect(wrong.status == 1 && wrong.errors.contains("番号 \(number) は次の番号ではありません"), "\(wrong.errors)")
        }
        let decidedAgain = try await run(["grant", "decide", "P-TSUBAME", "--decided-on", "令和6年4月15日", "--number", "関局第12号",
                                          "--amount", "9000000", "--sequence", "1"])
        #expect(decidedAgain.status == 1 && decidedAgain.errors.contains("交付決定は既に登録されています"), "\(decidedAgain.errors)")
        let lowest = try await run(["grant", "decide", "P-TSUBAME", "--decided-on", "2024-10-01", "--number", "関局第30号",
                                    "--amount", "8000000", "--reason", "増額", "--sequence=\(Int.min)"])
        #expect(lowest.status == 1 && lowest.errors.contains("番号 \(Int.min) は次の番号ではありません"), "\(lowest.errors)")
        #expect(try await run(["claim", "submit", "P-TSUBAME", "--as-of", "2025-03-31"]).status == 0)
        let bare = try await run(["claim", "status", "P-TSUBAME", "returned"])
        #expect(bare.status == 1 && bare.errors.contains("--reason"))
        let returned = try await run(["claim", "status", "P-TSUBAME", "returned", "--reason", "領収書の写しがありません"])
        #expect(returned.status == 0 && returned.output.contains("差戻し"), "\(returned.errors)")
        let timeline = try await run(["grant", "timeline", "P-TSUBAME"])
        #expect(timeline.status == 0)
        let steps = timeline.output.split(whereSeparator: \.isNewline).map { $0.split(separator: "\t").first.map(String.init) ?? "" }
        #expect(steps == ["交付決定", "概算払", "実績報告（請求）の提出", "差戻し"], "\(timeline.output)")
        #expect(timeline.output.contains("領収書の写しがありません"))
    }
}
