// APIJSONEncoder against Foundation's JSONEncoder (as APIJSON configures it) on the API's own
// representations, built from records decoded from in-memory libpq results the way the
// repositories decode them. Run it in release (testability lets it reach the internal types):
//
//   swift run -c release -Xswiftc -enable-testing JSONEncoderBench [ROUNDS] [profile]
//
// It prints, per document, the bytes and the median time of each encoder over ROUNDS runs, and
// checks that both give the same bytes. With `profile`, it only encodes the stored claim, for perf;
// with `profile-read`, it only decodes the stored claim from its results and encodes it. It also
// prints the stored-claim read's decode and encode, median µs per read.
import CLibPQ
import Domain
import Foundation
@testable import Postgres
@testable import Store
@testable import Web

/// A result as libpq would hand it over, without a server: every column text, as the service reads them.
func result(_ columns: [String], _ rows: [[String?]]) -> PostgresResult {
    let handle = PQmakeEmptyPGresult(nil, PGRES_TUPLES_OK)!
    let names = columns.map { strdup($0) }
    defer { names.forEach { free($0) } }
    var attributes = names.map { PGresAttDesc(name: $0, tableid: 0, columnid: 0, format: 0, typid: 25, typlen: -1, atttypmod: -1) }
    precondition(PQsetResultAttrs(handle, Int32(columns.count), &attributes) == 1)
    for (rowIndex, row) in rows.enumerated() {
        for (column, value) in row.enumerated() {
            let stored: Int32 = if let value {
                value.withCString { PQsetvalue(handle, Int32(rowIndex), Int32(column), UnsafeMutablePointer(mutating: $0), Int32(strlen($0))) }
            } else {
                PQsetvalue(handle, Int32(rowIndex), Int32(column), nil, -1)
            }
            precondition(stored == 1)
        }
    }
    return PostgresResult(handle: handle)
}

func expenses(_ count: Int) throws -> ListJSON<ExpenseJSON> {
    let columns = ["id", "project_code", "line_ref", "category", "incurred_on", "paid_on", "payee", "description",
                   "amount_excl_tax_yen", "tax_yen", "evidence_ref", "firm_code", "person_ref", "event_ref", "excluded_reason",
                   "added_for_claim_version", "added_reason", "created_at", "updated_at", "version"]
    let rows: [[String?]] = (1...count).map { n in
        ["\(n)", "P000001", "EV-2024-\(n)", n % 3 == 0 ? "travel" : "personnel", "2024-06-\(10 + n % 18)", n % 5 == 0 ? nil : "2024-07-01",
         "株式会社つばめいと 燕市支店", n % 2 == 0 ? "専門人材の旅費（東京/燕三条 往復）" : nil, "\(12_000 + n)", "\(1_200 + n % 100)",
         "EV-\(n)", n % 4 == 0 ? "corp-1050001002213" : nil, nil, nil, n % 7 == 0 ? "対象外の経費" : nil, nil, nil,
         "2024-07-02 09:15:00.123456+00", "2024-07-03 10:00:00+00", "\(1 + n % 3)"]
    }
    return ListJSON(items: try result(columns, rows).map { ExpenseJSON(try ExpenseRecord(row: $0)) }, nextCursor: "eyJhZnRlciI6WyI1MDAiXX0")
}

func claims(_ count: Int) throws -> ListJSON<ClaimListItemJSON> {
    let columns = ["project_code", "consortium_code", "fiscal_year", "claim_version", "status", "as_of", "subsidy_yen",
                   "claim_yen", "refund_yen", "created_at", "status_changed_at", "version"]
    let rows: [[String?]] = (1...count).map { n in
        [String(format: "P%06d", n), "C\(n % 40)", "2024", "\(1 + n % 2)", n % 3 == 0 ? "approved" : "submitted", "2025-03-31",
         "\(4_000_000 + n)", "\(3_500_000 + n)", "0", "2025-04-02 09:00:00+00", "2025-04-10 17:30:00+00", "2"]
    }
    return ListJSON(items: try result(columns, rows).map { ClaimListItemJSON(try ClaimListItem(row: $0)) }, nextCursor: nil)
}

/// The stored-claim read's document (`GET /api/v1/projects/:code/claims/:version`, issue #18):
/// a returned version with its review and one line per category and bucket of the load data.
func storedClaim() -> ClaimJSON {
    var cells: [ExpenseCategory: [ClaimFigures.Bucket: ClaimFigures.Cell]] = [:]
    for (index, category) in [ExpenseCategory.personnel, .travel, .venue, .outsourcing, .consumables].enumerated() {
        cells[category] = [.eligible: .init(amount: Yen(1_250_000 + Int64(index) * 37_000), lines: 40 + index)]
        if index % 2 == 0 { cells[category]?[.ineligible(.noEvidence)] = .init(amount: Yen(12_000 + Int64(index)), lines: 1) }
    }
    let figures = ClaimFigures(totalExpenses: Yen(6_300_000), eligible: Yen(6_250_000), ineligible: Yen(50_000), subsidy: Yen(4_166_666),
                               priorPaid: Yen(0), claim: Yen(4_166_666), refund: Yen(0), cells: cells)
    var claim = StoredClaim(id: 1, projectCode: "P000001", claimVersion: 2, status: .returned, asOf: LocalDate(year: 2025, month: 6, day: 30)!,
                            reason: "旅費の証憑を差し替え", bindingLimit: .rate, figures: figures, createdBy: "user:secretariat",
                            createdAt: Date(timeIntervalSince1970: 1_751_270_400), statusChangedBy: "user:reviewer",
                            statusChangedAt: Date(timeIntervalSince1970: 1_751_356_800), rowVersion: 3)
    claim.answersVersion = 1
    claim.review = .init(decision: .returned, reason: "証憑の日付が期間外", decidedBy: "user:reviewer", decidedAt: Date(timeIntervalSince1970: 1_751_356_800))
    return ClaimJSON(claim, actors: .inside)
}

/// The stored-claim read as the service runs it once the pipeline's results are in (issue #18):
/// the claim header and its 47 lines (each category × bucket of the load benchmark's claims)
/// decoded by the repository's batch, then the document encoded. The header and lines are
/// those the load data gives, as the server prints them.
func claimReadResults() -> [PostgresResult] {
    let header = ["id", "consortium_id", "claim_version", "status", "as_of", "reason", "binding_limit", "total_expenses_yen",
                  "eligible_expenses_yen", "ineligible_expenses_yen", "subsidy_yen", "prior_paid_yen", "claim_yen", "refund_yen",
                  "created_by", "created_at", "status_changed_by", "status_changed_at", "version", "answers_version",
                  "review_decision", "review_reason", "decided_by", "decided_at"]
    let headerRow: [String?] = ["11", "11", "1", "submitted", "2025-06-30", nil, "granted", "75759500", "64561120", "11198380",
                                "10000000", "0", "10000000", "0", "cli:root", "2026-12-06 02:07:12.60125+00", "cli:root",
                                "2026-12-06 02:07:12.60125+00", "1", "1", nil, nil, nil, nil]
    let categories = ["travel", "other", "personnel", "advertising", "consumables", "outsourcing", "equipment", "venue", "honoraria"]
    let reasons = ["eligible", "no_evidence", "unpaid", "outside_period", "excluded"]
    var lines: [[String?]] = categories.flatMap { category in
        reasons.enumerated().map { index, reason in [category, reason, String(6_452_384 / (index + 1)), String(86 / (index + 1))] }
    }
    lines += [["course_operation", "category_not_covered", "7475924", "99"], ["course_operation", "excluded", "82176", "1"]]
    return [result(header, [headerRow]), result(["category", "reason", "amount_yen", "line_count"], lines)]
}

func median(_ rounds: Int, _ body: () throws -> Int) rethrows -> (Duration, Int) {
    var times: [Duration] = []
    var size = 0
    for _ in 0..<rounds {
        let start = ContinuousClock.now
        size = try body()
        times.append(ContinuousClock.now - start)
    }
    return (times.sorted()[rounds / 2], size)
}

func report<Value: Encodable>(_ name: String, _ value: Value, rounds: Int) throws {
    let custom = try require(APIJSONEncoder.encode(value))
    guard custom == Array(try APIJSON.foundationEncode(value)) else { fatalError("the encoders differ on \(name)") }
    let (fast, size) = median(rounds) { APIJSONEncoder.encode(value)!.count }
    let (foundation, _) = try median(rounds) { try APIJSON.foundationEncode(value).count }
    let plain = JSONEncoder()
    plain.keyEncodingStrategy = .convertToSnakeCase
    plain.dateEncodingStrategy = .iso8601
    plain.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let (snake, _) = try median(rounds) { try plain.encode(value).count }
    func ms(_ duration: Duration) -> String { String(format: "%8.4f ms", Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1e3) }
    let ratio = Double(foundation.components.attoseconds + foundation.components.seconds * 1_000_000_000_000_000_000)
        / Double(fast.components.attoseconds + fast.components.seconds * 1_000_000_000_000_000_000)
    print("\(name.padding(toLength: 26, withPad: " ", startingAt: 0)) \(String(format: "%9d", size)) B  APIJSONEncoder \(ms(fast))"
          + "  JSONEncoder(APIJSON) \(ms(foundation))  JSONEncoder(.convertToSnakeCase) \(ms(snake))  ratio \(String(format: "%.1f", ratio))x")
}

func require<Value>(_ value: Value?) throws -> Value {
    guard let value else { fatalError("APIJSONEncoder declined a value it must cover") }
    return value
}

let rounds = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 31
// `JSONEncoderBench ROUNDS profile`: only APIJSONEncoder on the stored claim, ROUNDS × 10,000
// times, to run under `perf record -g`.
if CommandLine.arguments.dropFirst(2).first == "profile-read" {
    let results = claimReadResults()
    let batch = ClaimRepository().claimRead(projectCode: "P000011", version: 1)
    var bytes = 0
    for _ in 0..<(rounds * 10_000) { bytes &+= APIJSONEncoder.encode(ClaimJSON(try batch.decode(results), actors: .inside))!.count }
    print("\(bytes) bytes")
    exit(0)
}
if CommandLine.arguments.dropFirst(2).first == "profile" {
    let claim = storedClaim()
    var bytes = 0
    for _ in 0..<(rounds * 10_000) { bytes &+= APIJSONEncoder.encode(claim)!.count }
    print("\(bytes) bytes")
    exit(0)
}
print("command: swift run -c release -Xswiftc -enable-testing JSONEncoderBench \(rounds)")
#if DEBUG
print("warning: a debug build; the figures mean nothing")
#endif
print("Swift 6.3 Foundation JSONEncoder vs APIJSONEncoder, median of \(rounds) runs")
try report("stored claim", storedClaim(), rounds: rounds * 100)
do {
    let results = claimReadResults()
    let batch = ClaimRepository().claimRead(projectCode: "P000011", version: 1)
    func read() throws -> Int { APIJSONEncoder.encode(ClaimJSON(try batch.decode(results), actors: .inside))!.count }
    let (time, size) = try median(rounds * 100) { var bytes = 0; for _ in 0..<100 { bytes = try read() }; return bytes }
    print("stored claim read: decode \(results[1].count) lines + encode, \(size) B, median per read \(String(format: "%.2f", Double(time.components.attoseconds) / 1e14 + Double(time.components.seconds) * 1e4)) µs")
}
try report("claims list (500)", try claims(500), rounds: rounds)
try report("expenses page (500)", try expenses(500), rounds: rounds)
try report("expenses (5,000 lines)", try expenses(5_000), rounds: rounds)
