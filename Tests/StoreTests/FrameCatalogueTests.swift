import Domain
import Foundation
import Postgres
import Store
import Testing
import TestSupport

/// The shipped programme catalogue (sql/reference/0002_programmes.sql) states what the sources
/// state, and migration 0012 brings databases that loaded the earlier catalogue to it without
/// touching frames an operator has edited.
@Suite struct FrameCatalogueTests {
    static func frames(_ connection: PostgresConnection) throws -> [String: (name: String, categories: String)] {
        var result: [String: (name: String, categories: String)] = [:]
        for row in try connection.query("""
            SELECT p.code || '/' || f.fiscal_year || '/' || f.code AS key, f.name_ja,
                   (SELECT string_agg(c.category || coalesce('=' || c.cap_yen, ''), ',' ORDER BY c.category)
                    FROM frame_categories c WHERE c.frame_id = f.id) AS categories
            FROM frames f JOIN programs p ON p.id = f.program_id
            """) {
            result[try row.decode(String.self, "key")] = (try row.decode(String.self, "name_ja"), try row.decode(String.self, "categories"))
        }
        return result
    }

    @Test func theCatalogueNamesFramesAsTheSourcesDoAndCapsNoCategory() throws {
        let connection = try PostgresConnection(settings: TestCluster.freshDatabase())
        let frames = try Self.frames(connection)
        #expect(frames["fukugyo-kengyo/2024/a-sending"]?.name == "【類型A】副業・兼業送り出し型")
        #expect(frames["fukugyo-kengyo/2024/b-receiving"]?.name == "【類型B】副業・兼業受け入れ型")
        #expect(frames["kyodo-koza/2024/pay-reflection"]?.name == "処遇反映枠")
        // 002:633-639: course operation, personnel, outsourcing, equipment, other; nothing else.
        for code in ["kyodo-koza/2024/standard", "kyodo-koza/2024/pay-reflection"] {
            #expect(frames[code]?.categories == "course_operation,equipment,other,outsourcing,personnel", "\(code)")
        }
        #expect(try connection.query("SELECT count(*) AS n FROM frame_categories WHERE cap_yen IS NOT NULL")[0].decode(Int.self, "n") == 0)
    }

    @Test func anEmptyCategoryCapMeansNoCapInTheClaim() throws {
        let fixture = try ClaimFixture()
        try fixture.project("eq", granted: "9000000")
        _ = try fixture.expenses(["eq,equipment,2024-06-01,2024-06-30,事務機器販売,ノートPC,600000,60000,INV-1,,,,,"])
        let (_, computation) = try ClaimRepository().compute(projectCode: "eq", asOf: LocalDate("2025-03-31")!, on: fixture.connection)
        #expect(computation.totals.eligible == 600_000)
        #expect(computation.subsidy == 300_000)
    }

    /// The catalogue as it shipped before 0012, as databases loaded it.
    static let earlierCatalogue = """
        INSERT INTO programs (code, name_ja) VALUES
            ('chiiki-senryaku-jinzai', '地域戦略人材確保等実証事業'), ('fukugyo-kengyo', '副業・兼業支援補助金'),
            ('kyodo-koza', '高等教育機関における共同講座創造支援事業');
        WITH spec (program, fiscal_year, code, name_ja, n, d, project_cap, firm_cap, person_cap, unit, categories, caps) AS (VALUES
            ('chiiki-senryaku-jinzai', 2022, 'standard', '通常枠', 1::bigint, 2::bigint, 6000000::bigint, NULL::bigint, NULL::bigint, 1000::bigint,
                ARRAY['personnel', 'honoraria', 'travel', 'venue', 'advertising', 'outsourcing', 'equipment', 'consumables', 'other'], '{"equipment": 500000}'::jsonb),
            ('chiiki-senryaku-jinzai', 2023, 'standard', '通常枠', 1, 2, 7000000, NULL, NULL, 1000,
                ARRAY['personnel', 'honoraria', 'travel', 'venue', 'advertising', 'outsourcing', 'equipment', 'consumables', 'other'], '{"equipment": 500000}'),
            ('chiiki-senryaku-jinzai', 2023, 'joint-strategy', '地域企業共同戦略枠', 2, 3, 10000000, NULL, NULL, 1000,
                ARRAY['personnel', 'honoraria', 'travel', 'venue', 'advertising', 'outsourcing', 'equipment', 'consumables', 'other'], '{"equipment": 500000}'),
            ('chiiki-senryaku-jinzai', 2024, 'standard', '通常枠', 1, 2, 10000000, NULL, NULL, 1000,
                ARRAY['personnel', 'honoraria', 'travel', 'venue', 'advertising', 'outsourcing', 'equipment', 'consumables', 'other'], '{"equipment": 500000}'),
            ('chiiki-senryaku-jinzai', 2024, 'joint-strategy', '地域企業共同戦略枠', 2, 3, 13000000, NULL, NULL, 1000,
                ARRAY['personnel', 'honoraria', 'travel', 'venue', 'advertising', 'outsourcing', 'equipment', 'consumables', 'other'], '{"equipment": 500000}'),
            ('fukugyo-kengyo', 2024, 'a-sending', 'A枠（送り出し側）', 1, 2, NULL, 1000000, NULL, 1000,
                ARRAY['personnel', 'travel', 'outsourcing', 'consumables', 'other'], '{}'),
            ('fukugyo-kengyo', 2024, 'b-receiving', 'B枠（受け入れ側）', 1, 2, NULL, 2500000, 500000, 1,
                ARRAY['honoraria', 'travel', 'advertising', 'outsourcing', 'other'], '{}'),
            ('kyodo-koza', 2024, 'standard', '通常枠', 1, 3, 30000000, NULL, NULL, 1000,
                ARRAY['course_operation', 'personnel', 'honoraria', 'travel', 'equipment', 'consumables'], '{}'),
            ('kyodo-koza', 2024, 'pay-reflection', '賃金反映枠', 1, 2, 30000000, NULL, NULL, 1000,
                ARRAY['course_operation', 'personnel', 'honoraria', 'travel', 'equipment', 'consumables'], '{}')),
        inserted AS (
            INSERT INTO frames (program_id, fiscal_year, code, name_ja, rate_numerator, rate_denominator,
                                project_cap_yen, firm_cap_yen, person_cap_yen, rounding_unit_yen)
            SELECT p.id, s.fiscal_year, s.code, s.name_ja, s.n, s.d, s.project_cap, s.firm_cap, s.person_cap, s.unit
            FROM spec s JOIN programs p ON p.code = s.program
            RETURNING id, program_id, fiscal_year, code)
        INSERT INTO frame_categories (frame_id, category, cap_yen)
        SELECT i.id, c.category, (s.caps ->> c.category)::bigint
        FROM inserted i JOIN programs p ON p.id = i.program_id
        JOIN spec s ON s.program = p.code AND s.fiscal_year = i.fiscal_year AND s.code = i.code
        CROSS JOIN LATERAL unnest(s.categories) AS c (category);
        """

    @Test func migration0012CorrectsTheEarlierCatalogueButNotWhatAnOperatorEdited() throws {
        let connection = try PostgresConnection(settings: TestCluster.freshDatabase(empty: true))
        let real = try SQLFiles.locate()
        let root = TestCluster.scratchDirectory("sql")
        let migrations = root.appendingPathComponent("migrations")
        try FileManager.default.createDirectory(at: migrations, withIntermediateDirectories: true)
        let names = try FileManager.default.contentsOfDirectory(atPath: real.migrationsDirectory.path).filter { $0.hasSuffix(".sql") }.sorted()
        for name in names where name < "0012" {
            try FileManager.default.copyItem(at: real.migrationsDirectory.appendingPathComponent(name), to: migrations.appendingPathComponent(name))
        }
        let migrator = Migrator(files: SQLFiles(root: root))
        try migrator.migrate(on: connection)
        try connection.executeScript(unsafeSQL: Self.earlierCatalogue)
        // An operator set FY2024 standard's terms from the 公募要領, keeping the equipment cap;
        // another one re-imported FY2023 joint-strategy unchanged (the importer writes nothing).
        try connection.execute("""
            UPDATE frames SET project_cap_yen = 9000000
            WHERE code = 'standard' AND fiscal_year = 2024 AND program_id = (SELECT id FROM programs WHERE code = 'chiiki-senryaku-jinzai')
            """)
        try connection.execute("""
            UPDATE frame_categories SET cap_yen = 400000
            WHERE category = 'equipment' AND frame_id = (SELECT f.id FROM frames f JOIN programs p ON p.id = f.program_id
                                                         WHERE p.code = 'kyodo-koza' AND f.code = 'standard')
            """)

        for name in names where name >= "0012" {
            try FileManager.default.copyItem(at: real.migrationsDirectory.appendingPathComponent(name), to: migrations.appendingPathComponent(name))
        }
        let applied = try migrator.migrate(on: connection)
        #expect(applied.contains("0012_sourced_frame_catalogue.sql"))
        let notes = try migrator.notes(ofVersions: [12], on: connection)
        #expect(notes.contains("corrected FY2024 kyodo-koza/pay-reflection: name 賃金反映枠 → 処遇反映枠; no longer pays consumables, honoraria, travel; now pays other, outsourcing"))
        #expect(notes.contains("corrected FY2023 chiiki-senryaku-jinzai/joint-strategy: equipment cap 500000 yen removed"))
        #expect(notes.contains("corrected FY2024 fukugyo-kengyo/b-receiving: name B枠（受け入れ側） → 【類型B】副業・兼業受け入れ型"))
        #expect(notes.contains { $0.hasPrefix("left FY2024 chiiki-senryaku-jinzai/standard (通常枠) as it stands: edited") })
        #expect(notes.contains { $0.hasPrefix("left FY2024 kyodo-koza/standard (通常枠) as it stands: edited") })
        #expect(notes.count == 9)

        // The real reference data loads over it without undoing either.
        try Migrator(files: real).loadReferenceData(on: connection)
        let frames = try Self.frames(connection)
        #expect(frames["kyodo-koza/2024/pay-reflection"]?.name == "処遇反映枠")
        #expect(frames["kyodo-koza/2024/pay-reflection"]?.categories == "course_operation,equipment,other,outsourcing,personnel")
        #expect(frames["chiiki-senryaku-jinzai/2022/standard"]?.categories.contains("equipment,") == true)
        #expect(frames["chiiki-senryaku-jinzai/2024/standard"]?.categories.contains("equipment=500000") == true)
        #expect(frames["kyodo-koza/2024/standard"]?.categories == "consumables,course_operation,equipment=400000,honoraria,personnel,travel")
        // Every correction is in the audit trail.
        #expect(try connection.query("""
            SELECT count(*) AS n FROM audit_log
            WHERE table_name = 'frames' AND operation = 'UPDATE' AND after ->> 'name_ja' = '処遇反映枠'
            """)[0].decode(Int.self, "n") == 1)
    }
}
