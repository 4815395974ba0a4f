import Foundation
import Postgres

/// Options of `jinjibu import`, as INTERFACES.md describes them.
public struct ImportOptions: Sendable {
    public var encoding: TextEncoding
    public var dryRun: Bool
    /// With `skipInvalid`, valid rows are written and invalid ones go to this file.
    public var rejectsPath: String?
    public var skipInvalid: Bool { rejectsPath != nil }

    public init(encoding: TextEncoding = .utf8, dryRun: Bool = false, rejectsPath: String? = nil) {
        self.encoding = encoding
        self.dryRun = dryRun
        self.rejectsPath = rejectsPath
    }
}

/// The CSV import driver: all or nothing by default, every invalid row listed; with a rejects
/// file the valid rows are written and the rest set aside; a dry run writes nothing. The
/// whole import is one transaction and each row a savepoint in it.
public enum CSVImport {
    public static func run(
        _ kind: ImportKind, file path: String, options: ImportOptions, on connection: PostgresConnection, actor: String
    ) throws -> ImportReport {
        // Before anything is read or written: a rejects path that is no regular file is refused.
        if let rejects = options.rejectsPath {
            do { try OutputPath.checkFile(rejects) } catch { throw ImportError.rejectsUnwritable(path: rejects, reason: error.description) }
        }
        guard let importer = rowImporter(for: kind) else {
            return try ExpenseImport.run(file: path, options: options, on: connection, actor: actor)
        }
        return try run(importer, kind: kind, file: path, options: options, on: connection, actor: actor)
    }

    /// The importer of a kind that goes row by row; nil for expenses, which go by COPY.
    private static func rowImporter(for kind: ImportKind) -> (any RowImporter)? {
        switch kind {
        case .organizations: OrganizationImporter()
        case .consortia: ConsortiumImporter()
        case .memberships: MembershipImporter()
        case .frames: FrameImporter()
        case .adoptedProjects: AdoptedProjectImporter()
        case .events: EventImporter()
        case .placements: PlacementImporter()
        case .consultations: ConsultationImporter()
        case .kpiTargets: KPITargetImporter()
        case .plans: PlanImporter()
        case .planKPIs: PlanKPIImporter()
        case .planReviews: PlanReviewImporter()
        case .income: IncomeImporter()
        case .costs: ConsortiumCostImporter()
        case .mentors: MentorImporter()
        case .mentorMatches: MentorMatchImporter()
        case .expenses: nil
        }
    }

    /// Opens the existential, for the generic driver below.
    private static func run<Importer: RowImporter>(
        _ importer: Importer, kind: ImportKind, file path: String, options: ImportOptions,
        on connection: PostgresConnection, actor: String
    ) throws -> ImportReport {
        var importer = importer
        return try run(&importer, kind: kind, file: path, options: options, on: connection, actor: actor)
    }

    /// Opens a CSV file and reads its header against the kind's columns.
    static func openFile(_ path: String, encoding: TextEncoding, columns: [ImportColumn]) throws -> (CSVReader, ImportHeader) {
        var reader: CSVReader
        do {
            reader = try CSVReader(fileAtPath: path, encoding: encoding)
        } catch {
            throw ImportError.unreadable(path: path, reason: String(describing: error))
        }
        do {
            guard let first = try reader.next() else { throw ImportError.empty }
            return (reader, try ImportHeader(fields: first.fields, columns: columns))
        } catch let error as CSVError {
            throw ImportError.malformed(error.description)
        }
    }

    static func run<Importer: RowImporter>(
        _ importer: inout Importer, kind: ImportKind, file path: String, options: ImportOptions,
        on connection: PostgresConnection, actor: String
    ) throws -> ImportReport {
        var report = ImportReport(kind: kind)
        report.dryRun = options.dryRun
        var (reader, header) = try openFile(path, encoding: options.encoding, columns: Importer.columns)

        // Pass 1: the cells alone.
        var parsed: [(record: ImportRecord, row: Importer.Row)] = []
        var rejected: [ImportRecord] = []
        var firstLineOfKey: [String: Int] = [:]
        while true {
            let next: CSVRecord?
            do { next = try reader.next() } catch { throw ImportError.malformed(error.description) }
            guard let csvRecord = next else { break }
            report.rowsRead += 1
            var record = ImportRecord(line: csvRecord.line, fields: csvRecord.fields, header: header)
            guard record.hasHeaderWidth() else {
                report.issues += record.issues
                rejected.append(record)
                continue
            }
            let row = importer.parse(&record)
            if let row, record.issues.isEmpty {
                let key = importer.naturalKey(of: row)
                if let earlier = firstLineOfKey[key] {
                    record.fail(nil, "\(earlier)行目と同じ行です（\(key)）")
                } else {
                    firstLineOfKey[key] = record.line
                    parsed.append((record, row))
                    continue
                }
            }
            report.issues += record.issues
            rejected.append(record)
        }

        // Pass 2: references and keys, written row by row in savepoints.
        let rejectsPath = options.rejectsPath
        let outcome: Result<ImportReport, Error> = Result {
            try connection.transaction { connection in
                try connection.setAuditActor(actor)
                var report = report
                for (record, row) in parsed {
                    do {
                        let outcome = try connection.transaction { connection in
                            try importer.write(row, on: connection)
                        }
                        switch outcome {
                        case .inserted: report.inserted += 1
                        case .updated: report.updated += 1
                        case .unchanged: report.unchanged += 1
                        }
                    } catch let problem as RowProblem {
                        report.issues.append(ImportIssue(line: record.line, column: problem.column, value: problem.value, reason: problem.reason))
                        rejected.append(record)
                    } catch let error as PostgresError where error.kind == .server {
                        let (column, reason) = Self.reason(for: error)
                        report.issues.append(ImportIssue(line: record.line, column: column, value: nil, reason: reason))
                        rejected.append(record)
                    }
                }
                report.issues.sort { ($0.line, $0.column ?? "") < ($1.line, $1.column ?? "") }
                let refuse = !report.issues.isEmpty && rejectsPath == nil
                if options.dryRun || refuse {
                    throw Rollback(report: report)
                }
                if let rejectsPath, !rejected.isEmpty {
                    report.rejectsWritten = try writeRejects(
                        rejected.map { (line: $0.line, fields: $0.fields) }, issues: report.issues, header: header,
                        to: rejectsPath, encoding: options.encoding)
                }
                report.committed = true
                return report
            }
        }
        switch outcome {
        case .success(let report):
            return report
        case .failure(let rollback as Rollback):
            var report = rollback.report
            report.committed = false
            return report
        case .failure(let error):
            throw error
        }
    }

    private struct Rollback: Error {
        let report: ImportReport
    }

    /// Why the database refused a row the row checks let through, in the words the API uses
    /// for the same refusal (`RecordError.mapping`); never the server's own text.
    static func reason(for error: PostgresError) -> (column: String?, reason: String) {
        switch RecordError.mapping(error, kind: "行") {
        case RecordError.invalidField(let field, let message): return (field.isEmpty ? nil : field, message)
        case RecordError.alreadyExists(_, let field, _): return (field == "key" ? nil : field, "既に登録されている値と重なります")
        case RecordError.unknownReference(let field, _): return (field, "参照先が登録されていません")
        case let refusal as RecordError: return (nil, refusal.description)
        default: return (nil, "データベースがこの行を受け付けませんでした（SQLSTATE \(error.sqlState?.rawValue ?? "不明")）")
        }
    }

    /// Writes the rejected rows as they were, with a `reason` column, atomically and only
    /// where nothing or a regular file is (`OutputPath`). The file can be corrected and
    /// imported again as it is: the importer ignores the `reason` column.
    static func writeRejects(
        _ records: [(line: Int, fields: [String])], issues: [ImportIssue], header: ImportHeader, to path: String, encoding: TextEncoding
    ) throws -> Int {
        let reasons = Dictionary(grouping: issues, by: \.line)
        var headerFields = Array(repeating: "", count: header.width)
        for (name, index) in header.positions { headerFields[index] = name }
        do {
            try OutputPath.writeFile(path) { handle in
                var writer = CSVWriter(fileHandle: handle, encoding: encoding, formulaSafe: false)
                try writer.write(headerFields + [ImportHeader.rejectReasonColumn])
                for record in records.sorted(by: { $0.line < $1.line }) {
                    let reason = (reasons[record.line] ?? []).map(\.description).joined(separator: " / ")
                    var fields = Array(record.fields.prefix(header.width))
                    fields += Array(repeating: "", count: header.width - fields.count)
                    try writer.write(fields + [reason])
                }
                try writer.finish()
            }
        } catch let problem as OutputPath.Problem {
            throw ImportError.rejectsUnwritable(path: path, reason: problem.description)
        } catch {
            throw ImportError.rejectsUnwritable(path: path, reason: String(describing: error))
        }
        return records.count
    }
}
