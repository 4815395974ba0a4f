import Foundation
import Store

/// An export run as the API shows it (not the server's output directory).
struct ExportRunJSON: Encodable {
    var id: Int64
    var fiscalYear: Int
    var bureau: String?
    var format: String
    var encoding: String
    var headers: String
    var asOf: String
    var actor: String
    var startedAt: Date
    var finishedAt: Date?
    var status: String
    var rowCount: Int?
    var files: [String: String]
    var substitutedCells: Int?
    var error: String?

    init(_ run: ExportRunRecord) {
        id = run.id
        fiscalYear = run.fiscalYear.startYear
        bureau = run.bureau?.rawValue
        format = run.format
        encoding = run.encoding
        headers = run.headers
        asOf = run.asOf.description
        actor = run.actor
        startedAt = run.startedAt
        finishedAt = run.finishedAt
        status = run.status
        rowCount = run.rowCount
        files = run.files
        substitutedCells = run.substitutedCells
        error = run.error
    }
}
