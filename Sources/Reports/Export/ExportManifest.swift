import Foundation

/// `manifest.json`, written last: what was asked for, how many rows came out, the SHA-256 of
/// every other file, and where characters had to be substituted. It holds nothing that
/// changes from run to run (no time, run id or output path: those are in `export_runs`), so
/// two runs over the same data give the same manifest too.
struct ExportManifest: Encodable {
    struct Parameters: Encodable {
        var fiscalYear: Int
        var bureau: String?
        var format, encoding, headers, asOf: String

        // `bureau` is written as null for all bureaus rather than left out.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(fiscalYear, forKey: .fiscalYear)
            try container.encode(bureau, forKey: .bureau)
            try container.encode(format, forKey: .format)
            try container.encode(encoding, forKey: .encoding)
            try container.encode(headers, forKey: .headers)
            try container.encode(asOf, forKey: .asOf)
        }

        enum CodingKeys: String, CodingKey { case fiscalYear, bureau, format, encoding, headers, asOf }
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
