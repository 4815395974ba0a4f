import Domain
import Foundation
import Store

/// An adopted project as the API shows it.
struct ProjectJSON: Encodable {
    struct Applicant: Encodable {
        var code: String
        var name: String
        var corporateNumber: String?
    }

    var code: String
    var consortium: String
    var consortiumName: String
    var fiscalYear: Int
    var program: String
    var frame: String
    var rate: String
    var projectCapYen: Int64?
    var no: Int?
    var projectName: String
    var region: String
    var prefectureCode: Int
    var bureau: String
    var grantedYen: Int64?
    var startsOn: String?
    var endsOn: String?
    var priorPaidYen: Int64
    var status: String
    var applicants: [Applicant]
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ record: ProjectSummary) {
        code = record.code
        consortium = record.consortiumCode
        consortiumName = record.consortiumName
        fiscalYear = record.fiscalYear.startYear
        program = record.program
        frame = record.frame
        rate = record.rate
        projectCapYen = record.projectCap?.amount
        no = record.no
        projectName = record.projectName
        region = record.region
        prefectureCode = record.prefecture.code
        bureau = record.prefecture.bureau.rawValue
        grantedYen = record.granted?.amount
        startsOn = record.startsOn?.description
        endsOn = record.endsOn?.description
        priorPaidYen = record.priorPaid.amount
        status = record.status.rawValue
        applicants = record.applicants.map { Applicant(code: $0.code, name: $0.name, corporateNumber: $0.corporateNumber) }
        createdAt = record.createdAt
        updatedAt = record.updatedAt
        version = record.rowVersion
    }
}

/// A KPI target as the API shows it: exact fractions, never floating point.
struct KPITargetJSON: Encodable {
    var metric: String
    var unit: String
    var targetNumerator: Int64
    var targetDenominator: Int64
    var actualNumerator: Int64?
    var actualDenominator: Int64?
    var actualNote: String?
    var updatedAt: Date
    var version: Int

    init(_ record: Versioned<KPITarget>) {
        let target = record.value
        metric = target.metric
        unit = target.unit.rawValue
        targetNumerator = target.target.numerator
        targetDenominator = target.target.denominator
        actualNumerator = target.manualActual?.numerator
        actualDenominator = target.manualActual?.denominator
        actualNote = target.note
        updatedAt = record.updatedAt
        version = record.rowVersion
    }
}
