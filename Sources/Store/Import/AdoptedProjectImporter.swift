import Crypto
import Domain
import Foundation
import Postgres

/// `import adopted_projects`: the bureau's published list of adopted projects (採択一覧) as it
/// stands. A row is identified by fiscal year, programme, frame and its published number, since
/// each frame of a year is numbered from 1 (FY2023: 通常枠 1–11 and 地域企業共同戦略枠 1–9);
/// `frame` takes the frame's code or Japanese label and `program` may be blank when the label
/// names one frame of the year. Joint applicants are `;`-separated in name and number, the lead
/// first; applicants are matched by corporate number or created; a new project without a
/// `consortium` joins the lead's consortium (found or created with the lead as secretariat), so
/// an applicant adopted in two frames or again in a later year stays in one consortium; the
/// prefecture comes from `prefecture_code` or the start of `region`. A missing `code` is made
/// once, from year, bureau, frame and number (`AdoptedProjectCode`), and never changes after:
/// a row that would rename, renumber, move to another frame or another consortium an existing
/// project is refused, and a blank optional cell leaves the stored value as it is, so
/// importing the list again changes nothing.
struct AdoptedProjectImporter: RowImporter {
    struct Applicant {
        var name: String
        var corporateNumber: CorporateNumber?
    }

    struct Row {
        var code: String?
        var fiscalYear: FiscalYear
        /// The programme's code or name, as written; nil when blank.
        var program: String?
        /// The frame's code or label, without 【】/○ and spaces.
        var frame: String
        var no: Int?
        var applicants: [Applicant]
        var region: String
        var projectName: String
        var consortiumCode: String?
        var prefecture: Prefecture?
        var granted: Yen?
        var startsOn: LocalDate?
        var endsOn: LocalDate?
        var priorPaid: Yen?
    }

    static let columns = [
        ImportColumn("fiscal_year", aliases: ["年度"], required: true),
        ImportColumn("program", aliases: ["事業"]),
        ImportColumn("frame", aliases: ["枠"], required: true),
        ImportColumn("no", aliases: ["No.", "No", "番号"]),
        ImportColumn("applicant_name", aliases: ["事業者名"], required: true),
        ImportColumn("applicant_corporate_number", aliases: ["法人番号"]),
        ImportColumn("region", aliases: ["事業実施地域"], required: true),
        ImportColumn("project_name", aliases: ["事業名"], required: true),
        ImportColumn("code", aliases: ["コード"]),
        ImportColumn("consortium", aliases: ["コンソーシアム"]),
        ImportColumn("prefecture_code", aliases: ["都道府県コード", "都道府県"]),
        ImportColumn("granted_yen", aliases: ["交付決定額"]),
        ImportColumn("starts_on", aliases: ["事業開始日"]),
        ImportColumn("ends_on", aliases: ["事業終了日"]),
        ImportColumn("prior_paid_yen", aliases: ["概算払額"]),
    ]

    /// Projects this import wrote, so that two rows naming one project are caught even when
    /// one names it by code and the other by frame and number.
    private var written: Set<Int64> = []

    func naturalKey(of row: Row) -> String {
        if let code = row.code { return code }
        return "\(row.fiscalYear.startYear)/\(row.program ?? "")/\(row.frame)/No.\(row.no ?? 0)"
    }

    func parse(_ record: inout ImportRecord) -> Row? {
        let fiscalYear = record.parse("fiscal_year", required: true) { try JapaneseCalendar.parseFiscalYear($0) }
        let program = record.text("program").map { TextNormalization.halfWidth($0) }
        let frame = record.parse("frame", required: true) { text -> String in
            let label = FrameLabel.normalized(text)
            guard !label.isEmpty, label.count <= 200 else {
                throw RowProblem(column: "frame", value: text, reason: "枠のコード（standard）か名称（通常枠）を入れてください")
            }
            return label
        }
        let no = record.count("no")
        if let no, no == 0 { record.fail("no", "採択一覧の番号は1からです") }
        let names = record.required("applicant_name").map(ListCell.items) ?? []
        let numbers: [CorporateNumber?]? = record.parse("applicant_corporate_number") { text in
            try ListCell.items(text).map { item -> CorporateNumber? in
                if item == "-" || item == "－" { return nil }
                return try CorporateNumber(parsing: item)
            }
        }
        if let numbers, numbers.count != names.count, !names.isEmpty {
            record.fail("applicant_corporate_number", "事業者名（\(names.count)者）と法人番号（\(numbers.count)件）の数が合いません")
        }
        let region = record.required("region")
        let projectName = record.required("project_name")
        var prefecture = record.parse("prefecture_code") { try Prefecture(parsing: $0) }
        if prefecture == nil, record.text("prefecture_code") == nil, let region {
            prefecture = Prefecture.leading(region)
        }
        let code = record.code("code")
        let consortium = record.code("consortium")
        let granted = record.yen("granted_yen")
        let startsOn = record.date("starts_on")
        let endsOn = record.date("ends_on")
        let priorPaid = record.yen("prior_paid_yen")
        if let fiscalYear {
            for (column, date) in [("starts_on", startsOn), ("ends_on", endsOn)] {
                if let date, !fiscalYear.contains(date) {
                    record.fail(column, "\(fiscalYear.japaneseName)（\(fiscalYear.firstDay)〜\(fiscalYear.lastDay)）の外の日付です")
                }
            }
        }
        if let startsOn, let endsOn, endsOn < startsOn { record.fail("ends_on", "事業終了日が開始日（\(startsOn)）より前です") }
        if let granted, let priorPaid, priorPaid > granted {
            record.fail("prior_paid_yen", "概算払額が交付決定額（\(granted.formattedWithSymbol)）を超えています")
        }
        if code == nil, record.text("code") == nil, no == nil, record.text("no") == nil {
            record.fail("no", "code か no（採択一覧の番号）のどちらかが必要です")
        }
        if prefecture == nil, consortium == nil, record.text("prefecture_code") == nil {
            record.fail("region", "事業実施地域が都道府県名で始まっていません。prefecture_code 列で都道府県を指定してください")
        }
        guard let fiscalYear, let frame, let region, let projectName, !names.isEmpty, record.issues.isEmpty else { return nil }
        let applicants = names.enumerated().map { index, name in
            Applicant(name: name, corporateNumber: numbers.flatMap { index < $0.count ? $0[index] : nil })
        }
        return Row(
            code: code, fiscalYear: fiscalYear, program: program, frame: frame, no: no, applicants: applicants,
            region: region, projectName: projectName, consortiumCode: consortium, prefecture: prefecture,
            granted: granted, startsOn: startsOn, endsOn: endsOn, priorPaid: priorPaid)
    }

    mutating func write(_ row: Row, on connection: PostgresConnection) throws -> WriteOutcome {
        let frame = try FrameLabel.resolve(program: row.program, frame: row.frame, fiscalYear: row.fiscalYear, on: connection)
        if let cap = frame.projectCap, let granted = row.granted, granted > cap {
            throw RowProblem(column: "granted_yen", value: granted.formatted,
                             reason: "交付決定額が枠の補助上限額（\(cap.formattedWithSymbol)）を超えています")
        }
        let applicantIDs = try row.applicants.map { try organizationID(for: $0, on: connection) }
        var outcome: WriteOutcome
        let project: StoredProject
        if let existing = try existingProject(row, frame: frame, on: connection) {
            guard !written.contains(existing.id) else {
                throw RowProblem(column: nil, value: nil, reason: "このファイルの前の行と同じ事業（\(existing.code)）です")
            }
            project = existing
            outcome = try update(existing, with: row, on: connection)
        } else {
            project = try insert(row, frame: frame, leadID: applicantIDs[0], on: connection)
            outcome = .inserted
        }
        let stored = try connection.query("""
            SELECT organization_id FROM project_applicants
            WHERE consortium_id = \(project.consortiumID) AND project_id = \(project.id) ORDER BY position
            """).map { try $0.decode(Int64.self, "organization_id") }
        if stored != applicantIDs {
            try connection.execute("DELETE FROM project_applicants WHERE consortium_id = \(project.consortiumID) AND project_id = \(project.id)")
            for (index, organizationID) in applicantIDs.enumerated() {
                try connection.execute("""
                    INSERT INTO project_applicants (consortium_id, project_id, position, organization_id)
                    VALUES (\(project.consortiumID), \(project.id), \(index + 1), \(organizationID))
                    """)
            }
            if outcome == .unchanged { outcome = .updated }
        }
        written.insert(project.id)
        return outcome
    }

    struct StoredProject: Decodable {
        var consortiumID: Int64
        var id: Int64
        var code: String
        var frameID: Int64
        var no: Int?

        init(row: PostgresRow) throws {
            self = try row.reading("adopted_projects").decode(Self.self, renaming: ["consortiumID": "consortium_id", "frameID": "frame_id"])
        }
    }

    /// The project this row is about: the one at its frame and number, or the one with its
    /// code. A row that would give an existing project another code, number, frame or
    /// consortium is refused: codes once issued never change, and a project never moves.
    private func existingProject(_ row: Row, frame: FrameLabel.Resolved, on connection: PostgresConnection) throws -> StoredProject? {
        let byNumber = try row.no.flatMap { no in
            try connection.query("""
                SELECT consortium_id, id, code, frame_id, no FROM adopted_projects WHERE frame_id = \(frame.id) AND no = \(no)
                """).first.map(StoredProject.init(row:))
        }
        let byCode = try row.code.flatMap { code in
            try connection.query("SELECT consortium_id, id, code, frame_id, no FROM adopted_projects WHERE code = \(code)")
                .first.map(StoredProject.init(row:))
        }
        let listed = "\(frame.label) No.\(row.no ?? 0)"
        let existing: StoredProject
        switch (byNumber, byCode) {
        case (nil, nil):
            return nil
        case (let numbered?, _):
            if let code = row.code, code != numbered.code {
                throw RowProblem(column: "code", value: code,
                                 reason: "\(row.fiscalYear.japaneseName)の\(listed)は事業 \(numbered.code) として登録済みです（事業コードは変わりません）")
            }
            existing = numbered
        case (nil, let coded?):
            if coded.frameID != frame.id {
                throw RowProblem(column: "frame", value: row.frame, reason: "事業 \(coded.code) は別の枠に登録済みです（事業は枠を移りません）")
            }
            if let stored = coded.no, let no = row.no, stored != no {
                throw RowProblem(column: "no", value: String(no), reason: "事業 \(coded.code) は No.\(stored) として登録済みです")
            }
            existing = coded
        }
        if let code = row.consortiumCode,
           try StoreLookup.consortiumID(code: code, column: "consortium", on: connection) != existing.consortiumID {
            throw RowProblem(column: "consortium", value: code, reason: "事業 \(existing.code) は別のコンソーシアムに登録済みです")
        }
        return existing
    }

    /// Writes what the row states; a blank optional cell keeps the stored value.
    private func update(_ project: StoredProject, with row: Row, on connection: PostgresConnection) throws -> WriteOutcome {
        let changed = try connection.execute("""
            UPDATE adopted_projects AS p SET no = v.no, project_name = v.project_name, region = v.region,
                prefecture_code = v.prefecture_code, granted_yen = v.granted_yen, starts_on = v.starts_on,
                ends_on = v.ends_on, prior_paid_yen = v.prior_paid_yen
            FROM (SELECT o.consortium_id, o.id, coalesce(\(row.no)::integer, o.no) AS no,
                         \(row.projectName)::text AS project_name, \(row.region)::text AS region,
                         coalesce(\(row.prefecture?.code)::smallint, o.prefecture_code) AS prefecture_code,
                         coalesce(\(row.granted)::bigint, o.granted_yen) AS granted_yen,
                         coalesce(\(row.startsOn), o.starts_on) AS starts_on,
                         coalesce(\(row.endsOn), o.ends_on) AS ends_on,
                         coalesce(\(row.priorPaid)::bigint, o.prior_paid_yen) AS prior_paid_yen
                  FROM adopted_projects o WHERE o.consortium_id = \(project.consortiumID) AND o.id = \(project.id)) v
            WHERE p.consortium_id = v.consortium_id AND p.id = v.id
              AND (p.no, p.project_name, p.region, p.prefecture_code, p.granted_yen, p.starts_on, p.ends_on, p.prior_paid_yen)
                  IS DISTINCT FROM (v.no, v.project_name, v.region, v.prefecture_code, v.granted_yen, v.starts_on, v.ends_on, v.prior_paid_yen)
            """)
        return changed > 0 ? .updated : .unchanged
    }

    /// A new project: in the named consortium or the lead applicant's, with the row's code or
    /// one made from year, bureau, frame and number.
    private func insert(_ row: Row, frame: FrameLabel.Resolved, leadID: Int64, on connection: PostgresConnection) throws -> StoredProject {
        let consortiumID = try row.consortiumCode.map { try StoreLookup.consortiumID(code: $0, column: "consortium", on: connection) }
            ?? consortiumOfLead(row, leadID: leadID, on: connection)
        let prefecture = try row.prefecture
            ?? connection.query("SELECT prefecture_code FROM consortia WHERE id = \(consortiumID)")[0].decode(Prefecture.self, "prefecture_code")
        var code = row.code
        if code == nil, let no = row.no {
            guard let made = AdoptedProjectCode.make(
                fiscalYear: row.fiscalYear, bureau: prefecture.bureau, program: frame.program, frame: frame.code, no: no) else {
                throw RowProblem(column: "code", value: nil, reason: "事業コードが64文字を超えるため作れません。code 列で指定してください")
            }
            if let holder = try connection.query("""
                SELECT p.code, f.name_ja, f.code AS frame, p.no FROM adopted_projects p JOIN frames f ON f.id = p.frame_id WHERE p.code = \(made)
                """).first {
                let label = try holder.decode(String?.self, "name_ja") ?? holder.decode(String.self, "frame")
                let number = try holder.decode(Int?.self, "no").map { "No.\($0)" } ?? "番号なし"
                throw RowProblem(column: "code", value: made,
                                 reason: "事業コード \(made) は\(label) \(number)の事業が使っています。code 列でこの行の事業コードを指定してください")
            }
            code = made
        }
        guard let code else {
            throw RowProblem(column: "code", value: nil, reason: "code か no（採択一覧の番号）のどちらかが必要です")
        }
        let inserted = try connection.query("""
            INSERT INTO adopted_projects (consortium_id, code, frame_id, fiscal_year, no, project_name, region,
                prefecture_code, granted_yen, starts_on, ends_on, prior_paid_yen)
            VALUES (\(consortiumID), \(code), \(frame.id), \(row.fiscalYear), \(row.no), \(row.projectName),
                \(row.region), \(prefecture.code), \(row.granted), \(row.startsOn),
                \(row.endsOn), \(row.priorPaid ?? .zero))
            RETURNING consortium_id, id, code, frame_id, no
            """)
        return try StoredProject(row: inserted[0])
    }

    /// The applicant's organisation: by corporate number, else by exact name among those
    /// without one, else a new one whose kind follows from its legal form.
    private func organizationID(for applicant: Applicant, on connection: PostgresConnection) throws -> Int64 {
        if let number = applicant.corporateNumber {
            if let row = try connection.query("SELECT id FROM organizations WHERE corporate_number = \(number)").first {
                return try row.decode(Int64.self, "id")
            }
        } else if let row = try connection.query("""
            SELECT id FROM organizations WHERE name = \(applicant.name) AND corporate_number IS NULL ORDER BY id LIMIT 1
            """).first {
            return try row.decode(Int64.self, "id")
        }
        let code = applicant.corporateNumber.map { "corp-\($0.digits)" } ?? "org-" + Self.shortHash(applicant.name)
        let kind = OrganizationKind.inferred(fromName: applicant.name)
        let created = try connection.query("""
            INSERT INTO organizations (code, kind, name, corporate_number) VALUES (\(code), \(kind), \(applicant.name), \(applicant.corporateNumber))
            ON CONFLICT (code) DO NOTHING RETURNING id
            """)
        if let row = created.first { return try row.decode(Int64.self, "id") }
        throw RowProblem(column: "applicant_name", value: applicant.name, reason: "団体コード \(code) が別の団体に使われています")
    }

    /// The consortium whose secretariat is the lead applicant, or a new one for it.
    private func consortiumOfLead(_ row: Row, leadID: Int64, on connection: PostgresConnection) throws -> Int64 {
        if let found = try connection.query("SELECT id FROM consortia WHERE secretariat_id = \(leadID) ORDER BY id LIMIT 1").first {
            return try found.decode(Int64.self, "id")
        }
        guard let prefecture = row.prefecture else {
            throw RowProblem(column: "prefecture_code", value: nil, reason: "新しいコンソーシアムを作るには都道府県が必要です")
        }
        let leadCode = try connection.query("SELECT code FROM organizations WHERE id = \(leadID)")[0].decode(String.self, "code")
        let code = String("c-\(leadCode)".prefix(64))
        let created = try connection.query("""
            INSERT INTO consortia (code, name, prefecture_code, secretariat_id)
            VALUES (\(code), \(row.applicants[0].name + "（\(row.region)）"), \(prefecture.code), \(leadID))
            ON CONFLICT (code) DO NOTHING RETURNING id
            """)
        guard let consortium = created.first else {
            throw RowProblem(column: "consortium", value: code, reason: "コンソーシアムのコード \(code) が別に使われています")
        }
        let consortiumID = try consortium.decode(Int64.self, "id")
        try connection.execute("""
            INSERT INTO memberships (consortium_id, organization_id, role, joined_on)
            VALUES (\(consortiumID), \(leadID), 'secretariat', \(row.fiscalYear.firstDay))
            """)
        return consortiumID
    }

    static func shortHash(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).prefix(6).lowercaseHexadecimal
    }
}
