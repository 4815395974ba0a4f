import Domain
import Foundation
import Postgres

/// An adopted project as listed and shown: its place (consortium, frame, year), its plan and
/// its bureau-side figures and status, with its applicants in published order.
public struct ProjectSummary: Sendable, Hashable, Encodable {
    public struct Applicant: Sendable, Hashable, Encodable {
        public let code: String
        public let name: String
        public let corporateNumber: String?
    }

    public let id: Int64
    public let code: String
    public let consortiumCode: String
    public let consortiumName: String
    public let fiscalYear: FiscalYear
    public let program: String
    /// The programme's Japanese name, when the catalogue has one.
    public let programName: String?
    public let frame: String
    /// The frame's published Japanese label (通常枠), when the catalogue has one.
    public let frameName: String?
    public let rate: String
    public let projectCap: Yen?
    public let no: Int?
    public let projectName: String
    public let region: String
    public let prefecture: Prefecture
    public let granted: Yen?
    public let startsOn: LocalDate?
    public let endsOn: LocalDate?
    public let priorPaid: Yen
    public let status: ProjectStatus
    public let applicants: [Applicant]
    public let createdAt: Date
    public let updatedAt: Date
    public let rowVersion: Int

    static let columns: PostgresQuery = """
        p.id, p.code, c.code AS consortium_code, c.name AS consortium_name, p.fiscal_year, pr.code AS program,
        pr.name_ja AS program_name, f.code AS frame, f.name_ja AS frame_name, f.rate_numerator || '/' || f.rate_denominator AS rate, f.project_cap_yen, p.no, p.project_name,
        p.region, p.prefecture_code, p.granted_yen, p.starts_on::text AS starts_on, p.ends_on::text AS ends_on,
        p.prior_paid_yen, p.status, p.created_at, p.updated_at, p.version,
        coalesce((SELECT json_agg(json_build_array(o.code, o.name, o.corporate_number) ORDER BY pa.position)
                  FROM project_applicants pa JOIN organizations o ON o.id = pa.organization_id
                  WHERE pa.consortium_id = p.consortium_id AND pa.project_id = p.id), '[]')::text AS applicants
        """

    static let joins: PostgresQuery = """
        adopted_projects p JOIN consortia c ON c.id = p.consortium_id
        JOIN frames f ON f.id = p.frame_id JOIN programs pr ON pr.id = f.program_id
        """

    init(row: PostgresRow) throws {
        let row = row.reading("adopted_projects")
        id = try row.decode(Int64.self, "id")
        code = try row.decode(String.self, "code")
        consortiumCode = try row.decode(String.self, "consortium_code")
        consortiumName = try row.decode(String.self, "consortium_name")
        fiscalYear = FiscalYear(try row.decode(Int.self, "fiscal_year"))
        program = try row.decode(String.self, "program")
        programName = try row.decode(String?.self, "program_name")
        frame = try row.decode(String.self, "frame")
        frameName = try row.decode(String?.self, "frame_name")
        rate = try row.decode(String.self, "rate")
        projectCap = try row.decode(Yen?.self, "project_cap_yen")
        no = try row.decode(Int?.self, "no")
        projectName = try row.decode(String.self, "project_name")
        region = try row.decode(String.self, "region")
        prefecture = try Prefecture(code: try row.decode(Int.self, "prefecture_code"))
        granted = try row.decode(Yen?.self, "granted_yen")
        startsOn = try row.decode("starts_on")
        endsOn = try row.decode("ends_on")
        priorPaid = try row.decode(Yen.self, "prior_paid_yen")
        status = try row.decode("status")
        createdAt = try row.decode(Date.self, "created_at")
        updatedAt = try row.decode(Date.self, "updated_at")
        rowVersion = try row.decode(Int.self, "version")
        // An applicant the caller cannot see (another consortium's organisation in a joint
        // application) comes back without its row and is left out.
        applicants = try row.decodeJSON([[String?]].self, "applicants").map { entry in
            guard entry.count == 3, let code = entry[0], let name = entry[1] else {
                throw PostgresError(kind: .decoding, message: "an applicant in adopted_projects.applicants is not [code, name, corporate number]",
                                    table: "adopted_projects", column: "applicants")
            }
            return Applicant(code: code, name: name, corporateNumber: entry[2])
        }
    }
}

/// The changeable values of a project: the plan (secretariat) and the bureau's decisions.
public struct ProjectDraft: Sendable, Hashable {
    public var projectName: String
    public var region: String
    public var startsOn: LocalDate?
    public var endsOn: LocalDate?
    public var granted: Yen?
    public var priorPaid: Yen
    public var status: ProjectStatus

    public init(_ project: ProjectSummary) {
        projectName = project.projectName
        region = project.region
        startsOn = project.startsOn
        endsOn = project.endsOn
        granted = project.granted
        priorPaid = project.priorPaid
        status = project.status
    }
}
