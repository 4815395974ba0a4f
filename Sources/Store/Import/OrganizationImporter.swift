import Domain
import Postgres

/// `import organizations`: matched by code; corporate numbers and local government codes are
/// checked (check digits) before anything is written. The address and representative columns
/// (`OrganizationParticular`) change a stored organisation only when the file has them, so a
/// member list kept without them does not erase what the applicant entered for its 実績報告書.
struct OrganizationImporter: RowImporter {
    struct Row {
        /// The particulars whose columns the file lacks are nil here and keep their stored values.
        var draft: OrganizationDraft
        /// The particulars the file has columns for.
        var given: Set<OrganizationParticular>
    }

    static let columns = [
        ImportColumn("code", aliases: ["コード"], required: true),
        ImportColumn("kind", aliases: ["種別"], required: true),
        ImportColumn("name", aliases: ["名称"], required: true),
        ImportColumn("corporate_number", aliases: ["法人番号"]),
        ImportColumn("local_government_code", aliases: ["団体コード"]),
        ImportColumn("prefecture_code", aliases: ["都道府県コード", "都道府県"]),
        ImportColumn("jsic_division", aliases: ["業種"]),
        ImportColumn("sme_sector", aliases: ["中小企業区分"]),
        ImportColumn("capital_yen", aliases: ["資本金"]),
        ImportColumn("employees", aliases: ["従業員数"]),
        ImportColumn("address", aliases: ["所在地", "住所"]),
        ImportColumn("representative_title", aliases: ["代表者役職", "代表者の役職"]),
        ImportColumn("representative_name", aliases: ["代表者氏名", "代表者の氏名", "代表者名"]),
    ]

    func naturalKey(of row: Row) -> String { row.draft.code }

    func parse(_ record: inout ImportRecord) -> Row? {
        let code = record.code("code", required: true)
        let kind = record.vocabulary("kind", OrganizationKind.self, required: true)
        let name = record.required("name")
        if let name, name.count > 200 { record.fail("name", "名称は200文字以内です") }
        let corporateNumber = record.parse("corporate_number") { try CorporateNumber(parsing: $0) }
        let localGovernmentCode = record.parse("local_government_code") { try LocalGovernmentCode(parsing: $0) }
        var prefecture = record.parse("prefecture_code") { try Prefecture(parsing: $0) }
        let jsic = record.vocabulary("jsic_division", JSICDivision.self)
        let sector = record.vocabulary("sme_sector", SMESector.self)
        let capital = record.yen("capital_yen")
        let employees = record.count("employees")
        var given: Set<OrganizationParticular> = []
        var particulars: [OrganizationParticular: String] = [:]
        for particular in OrganizationParticular.allCases where record.hasColumn(particular.rawValue) {
            given.insert(particular)
            particulars[particular] = record.parse(particular.rawValue) { try particular.parse($0) } ?? nil
        }
        if let localGovernmentCode {
            if kind != nil, kind != .municipality {
                record.fail("local_government_code", "団体コードは自治体（municipality）にだけ付けられます")
            }
            if let prefecture, prefecture != localGovernmentCode.prefecture {
                record.fail("prefecture_code", "団体コード \(localGovernmentCode) の都道府県（\(localGovernmentCode.prefecture.name)）と合いません")
            }
            prefecture = prefecture ?? localGovernmentCode.prefecture
        }
        guard let code, let kind, let name, record.issues.isEmpty else { return nil }
        let draft = OrganizationDraft(
            code: code, kind: kind, name: name, corporateNumber: corporateNumber, localGovernmentCode: localGovernmentCode,
            prefecture: prefecture, jsicDivision: jsic, smeSector: sector, capital: capital, employees: employees,
            address: particulars[.address], representativeTitle: particulars[.representativeTitle],
            representativeName: particulars[.representativeName])
        return Row(draft: draft, given: given)
    }

    func write(_ row: Row, on connection: PostgresConnection) throws -> WriteOutcome {
        try refuseChangeOfSharedOrganization(row, on: connection)
        let draft = row.draft
        if let number = draft.corporateNumber {
            try refuseHeldElsewhere(column: "corporate_number", value: number.digits, label: "法人番号", holder: """
                SELECT code FROM organizations WHERE corporate_number = \(number) AND code <> \(draft.code)
                """, on: connection)
        }
        if let lgCode = draft.localGovernmentCode {
            try refuseHeldElsewhere(column: "local_government_code", value: lgCode.digits, label: "団体コード", holder: """
                SELECT code FROM organizations WHERE local_government_code = \(lgCode) AND code <> \(draft.code)
                """, on: connection)
        }
        // A particular whose column the file lacks keeps its stored value (`keep`).
        let keep = { (particular: OrganizationParticular) in !row.given.contains(particular) }
        let (keepAddress, keepTitle, keepName) = (keep(.address), keep(.representativeTitle), keep(.representativeName))
        let result = try connection.query("""
            INSERT INTO organizations AS o (code, kind, name, corporate_number, local_government_code,
                prefecture_code, jsic_division, sme_sector, capital_yen, employees, address, representative_title,
                representative_name)
            VALUES (\(draft.code), \(draft.kind), \(draft.name), \(draft.corporateNumber),
                \(draft.localGovernmentCode), \(draft.prefecture?.code), \(draft.jsicDivision),
                \(draft.smeSector), \(draft.capital), \(draft.employees), \(draft.address), \(draft.representativeTitle),
                \(draft.representativeName))
            ON CONFLICT (code) DO UPDATE SET
                kind = EXCLUDED.kind, name = EXCLUDED.name, corporate_number = EXCLUDED.corporate_number,
                local_government_code = EXCLUDED.local_government_code, prefecture_code = EXCLUDED.prefecture_code,
                jsic_division = EXCLUDED.jsic_division, sme_sector = EXCLUDED.sme_sector,
                capital_yen = EXCLUDED.capital_yen, employees = EXCLUDED.employees,
                address = CASE WHEN \(keepAddress) THEN o.address ELSE EXCLUDED.address END,
                representative_title = CASE WHEN \(keepTitle) THEN o.representative_title ELSE EXCLUDED.representative_title END,
                representative_name = CASE WHEN \(keepName) THEN o.representative_name ELSE EXCLUDED.representative_name END
            WHERE (o.kind, o.name, o.corporate_number, o.local_government_code, o.prefecture_code,
                   o.jsic_division, o.sme_sector, o.capital_yen, o.employees)
                IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.name, EXCLUDED.corporate_number,
                   EXCLUDED.local_government_code, EXCLUDED.prefecture_code, EXCLUDED.jsic_division,
                   EXCLUDED.sme_sector, EXCLUDED.capital_yen, EXCLUDED.employees)
               OR (NOT \(keepAddress) AND o.address IS DISTINCT FROM EXCLUDED.address)
               OR (NOT \(keepTitle) AND o.representative_title IS DISTINCT FROM EXCLUDED.representative_title)
               OR (NOT \(keepName) AND o.representative_name IS DISTINCT FROM EXCLUDED.representative_name)
            RETURNING (xmax = 0) AS inserted
            """)
        return try WriteOutcome.fromUpsert(result)
    }

    /// A number that identifies one organisation (corporate number, local government code)
    /// held by another (`holder` finds its code) is a problem of the row, naming the holder.
    private func refuseHeldElsewhere(
        column: String, value: String, label: String, holder: PostgresQuery, on connection: PostgresConnection
    ) throws {
        if let other = try connection.query(holder).first {
            throw RowProblem(column: column, value: value, reason: "この\(label)は別の団体（\(try other.decode(String.self, "code"))）に登録済みです")
        }
    }

    /// An organisation another consortium uses is read-only to a secretariat (migration 0008):
    /// a row that would change one is refused with the reason; one that repeats it as stored
    /// is fine, so a secretariat can re-import its whole member list.
    private func refuseChangeOfSharedOrganization(_ row: Row, on connection: PostgresConnection) throws {
        let repository = OrganizationRepository()
        let current: OrganizationRecord
        do {
            current = try repository.find(code: row.draft.code, on: connection)
        } catch RecordError.notFound {
            return
        }
        var draft = row.draft
        if !row.given.contains(.address) { draft.address = current.address }
        if !row.given.contains(.representativeTitle) { draft.representativeTitle = current.representativeTitle }
        if !row.given.contains(.representativeName) { draft.representativeName = current.representativeName }
        if current.draft != draft, try repository.isReadOnly(current, on: connection) {
            throw RowProblem(column: "code", value: draft.code, reason: OrganizationRepository.readOnlyReason(code: draft.code))
        }
    }
}
