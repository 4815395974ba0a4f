import Crypto
import Domain
import Foundation
import Postgres

/// `import adopted_projects`: the bureau's published list of adopted projects (採択一覧) as it
/// stands. Joint applicants are `;`-separated in name and number, the lead first; applicants
/// are matched by corporate number or created; without a `consortium` column the lead's
/// consortium is found or created with the lead as secretariat; the prefecture comes from
/// `prefecture_code` or the start of `region`; a missing `code` is made from fiscal year,
/// bureau and list number, so importing the list again finds the same projects.
struct AdoptedProjectImporter: RowImporter {
    struct Applicant {
        var name: String
        var corporateNumber: CorporateNumber?
    }

    struct Row {
        var code: String
        var fiscalYear: FiscalYear
        var program: String
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
        var priorPaid: Yen
    }

    static let columns = [
        ImportColumn("fiscal_year", aliases: ["年度"], required: true),
        ImportColumn("program", aliases: ["事業"], required: true),
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

    func naturalKey(of row: Row) -> String { row.code }

    func parse(_ record: inout ImportRecord) -> Row? {
        let fiscalYear = record.parse("fiscal_year", required: true) { try JapaneseCalendar.parseFiscalYear($0) }
        let program = record.code("program", required: true)
        let frame = record.code("frame", required: true)
        let no = record.count("no")
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
        let explicitCode = record.code("code")
        let consortium = record.code("consortium")
        let granted = record.yen("granted_yen")
        let startsOn = record.date("starts_on")
        let endsOn = record.date("ends_on")
        let priorPaid = record.yen("prior_paid_yen") ?? .zero
        if let fiscalYear {
            for (column, date) in [("starts_on", startsOn), ("ends_on", endsOn)] {
                if let date, !fiscalYear.contains(date) {
                    record.fail(column, "\(fiscalYear.japaneseName)（\(fiscalYear.firstDay)〜\(fiscalYear.lastDay)）の外の日付です")
                }
            }
        }
        if let startsOn, let endsOn, endsOn < startsOn { record.fail("ends_on", "事業終了日が開始日（\(startsOn)）より前です") }
        if let granted, priorPaid > granted { record.fail("prior_paid_yen", "概算払額が交付決定額（\(granted.formattedWithSymbol)）を超えています") }
        var code = explicitCode
        if code == nil, record.text("code") == nil, let fiscalYear, let prefecture {
            if let no {
                code = String(format: "%d-%@-%03d", fiscalYear.startYear, prefecture.bureau.rawValue, no)
            } else {
                record.fail("code", "code か no（採択一覧の番号）のどちらかが必要です")
            }
        }
        if prefecture == nil, consortium == nil, record.text("prefecture_code") == nil {
            record.fail("region", "事業実施地域が都道府県名で始まっていません。prefecture_code 列で都道府県を指定してください")
        }
        guard let fiscalYear, let program, let frame, let region, let projectName, let code, !names.isEmpty,
              record.issues.isEmpty else { return nil }
        let applicants = names.enumerated().map { index, name in
            Applicant(name: name, corporateNumber: numbers.flatMap { index < $0.count ? $0[index] : nil })
        }
        return Row(
            code: code, fiscalYear: fiscalYear, program: program, frame: frame, no: no, applicants: applicants,
            region: region, projectName: projectName, consortiumCode: consortium, prefecture: prefecture,
            granted: granted, startsOn: startsOn, endsOn: endsOn, priorPaid: priorPaid)
    }

    func write(_ row: Row, on connection: PostgresConnection) throws -> WriteOutcome {
        guard let frame = try connection.query("""
            SELECT f.id, f.project_cap_yen FROM frames f JOIN programs p ON p.id = f.program_id
            WHERE p.code = \(row.program) AND f.fiscal_year = \(row.fiscalYear.startYear) AND f.code = \(row.frame)
            """).first else {
            throw RowProblem(column: "frame", value: row.frame,
                             reason: "\(row.program) の \(row.fiscalYear.japaneseName) の枠 \(row.frame) は登録されていません（先に import frames）")
        }
        let frameID = try frame.decode(Int64.self, "id")
        if let cap = try frame.decode(Int64?.self, "project_cap_yen"), let granted = row.granted, granted.amount > cap {
            throw RowProblem(column: "granted_yen", value: granted.formatted,
                             reason: "交付決定額が枠の補助上限額（\(Yen(cap).formattedWithSymbol)）を超えています")
        }
        let applicantIDs = try row.applicants.map { try organizationID(for: $0, on: connection) }
        let existing = try connection.query("SELECT consortium_id, prefecture_code FROM adopted_projects WHERE code = \(row.code)").first
        let consortiumID: Int64
        if let existing {
            consortiumID = try existing.decode(Int64.self, "consortium_id")
            if let code = row.consortiumCode,
               try StoreLookup.consortiumID(code: code, column: "consortium", on: connection) != consortiumID {
                throw RowProblem(column: "consortium", value: code, reason: "事業 \(row.code) は別のコンソーシアムに登録済みです")
            }
        } else if let code = row.consortiumCode {
            consortiumID = try StoreLookup.consortiumID(code: code, column: "consortium", on: connection)
        } else {
            consortiumID = try consortiumOfLead(row, leadID: applicantIDs[0], on: connection)
        }
        var prefectureCode = row.prefecture?.code
        if prefectureCode == nil {
            prefectureCode = try connection.query("SELECT prefecture_code FROM consortia WHERE id = \(consortiumID)")[0].decode(Int.self, "prefecture_code")
        }
        let project = try connection.query("""
            INSERT INTO adopted_projects AS p (consortium_id, code, frame_id, fiscal_year, no, project_name, region,
                prefecture_code, granted_yen, starts_on, ends_on, prior_paid_yen)
            VALUES (\(consortiumID), \(row.code), \(frameID), \(row.fiscalYear.startYear), \(row.no), \(row.projectName),
                \(row.region), \(prefectureCode), \(row.granted?.amount), \(row.startsOn?.description)::date,
                \(row.endsOn?.description)::date, \(row.priorPaid.amount))
            ON CONFLICT (code) DO UPDATE SET
                frame_id = EXCLUDED.frame_id, fiscal_year = EXCLUDED.fiscal_year, no = EXCLUDED.no,
                project_name = EXCLUDED.project_name, region = EXCLUDED.region, prefecture_code = EXCLUDED.prefecture_code,
                granted_yen = EXCLUDED.granted_yen, starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on,
                prior_paid_yen = EXCLUDED.prior_paid_yen
            WHERE (p.frame_id, p.fiscal_year, p.no, p.project_name, p.region, p.prefecture_code, p.granted_yen,
                   p.starts_on, p.ends_on, p.prior_paid_yen)
                IS DISTINCT FROM (EXCLUDED.frame_id, EXCLUDED.fiscal_year, EXCLUDED.no, EXCLUDED.project_name,
                   EXCLUDED.region, EXCLUDED.prefecture_code, EXCLUDED.granted_yen, EXCLUDED.starts_on,
                   EXCLUDED.ends_on, EXCLUDED.prior_paid_yen)
            RETURNING (xmax = 0) AS inserted
            """)
        var outcome = try WriteOutcome.fromUpsert(project)
        let projectID = try connection.query("SELECT id FROM adopted_projects WHERE code = \(row.code)")[0].decode(Int64.self, "id")
        let stored = try connection.query("""
            SELECT organization_id FROM project_applicants WHERE consortium_id = \(consortiumID) AND project_id = \(projectID) ORDER BY position
            """).map { try $0.decode(Int64.self, "organization_id") }
        if stored != applicantIDs {
            try connection.execute("DELETE FROM project_applicants WHERE consortium_id = \(consortiumID) AND project_id = \(projectID)")
            for (index, organizationID) in applicantIDs.enumerated() {
                try connection.execute("""
                    INSERT INTO project_applicants (consortium_id, project_id, position, organization_id)
                    VALUES (\(consortiumID), \(projectID), \(index + 1), \(organizationID))
                    """)
            }
            if outcome == .unchanged { outcome = .updated }
        }
        return outcome
    }

    /// The applicant's organisation: by corporate number, else by exact name among those
    /// without one, else a new one whose kind follows from its legal form.
    private func organizationID(for applicant: Applicant, on connection: PostgresConnection) throws -> Int64 {
        if let number = applicant.corporateNumber {
            if let row = try connection.query("SELECT id FROM organizations WHERE corporate_number = \(number.digits)").first {
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
            INSERT INTO organizations (code, kind, name, corporate_number) VALUES (\(code), \(kind.rawValue), \(applicant.name), \(applicant.corporateNumber?.digits))
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
            VALUES (\(consortiumID), \(leadID), 'secretariat', \(row.fiscalYear.firstDay.description)::date)
            """)
        return consortiumID
    }

    static func shortHash(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).prefix(6).map { String(format: "%02x", $0) }.joined()
    }
}
