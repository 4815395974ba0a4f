import Foundation

/// `manifest.json`, written last: what was asked for, how many rows came out, the SHA-256 of
/// every other file, and where characters had to be substituted. It holds nothing that
/// changes from run to run (no time, run id or output path: those are in `export_runs`), so
/// two runs over the same data give the same manifest too.
struct ExportManifest: Encodable {
    struct Parameters: Encodable {
        var fiscalYear: Int
        /// Null for all bureaus rather than left out.
        @ExplicitNull var bureau: String?
        var format, encoding, headers, asOf: String
    }
    struct Rows: Encodable {
        /// Rows of claims.csv: one per project.
        var projects: Int
        var consortia: Int
        /// Projects whose figures are their claim of record; the rest are computed.
        var projectsFromClaims: Int
        var projectsComputed: Int
        /// Claimed projects whose current lines no longer add up to the claim.
        var projectsWithLinesChangedSinceClaim: Int
        var expenseLines: Int
    }
    struct Substitution: Encodable {
        var file: String
        /// 1-based record number in the file, the header being record 1.
        var record: Int
        var column: String
    }

    var format = "jinjibu-claim-export/1"
    var parameters: Parameters
    var rowCount: Int
    var rows: Rows
    /// File name → SHA-256 (hex) of every file but the manifest.
    var files: [String: String]
    /// Cells with a character the encoding lacks, written as 〓 (CP932 only).
    var substitutedCells: Int
    var substitutionCharacter = "〓"
    /// The first 100 such cells.
    var substitutions: [Substitution]
}
