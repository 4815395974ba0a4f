import Domain
import Foundation
import Postgres
@testable import Reports
import Store
import Testing
import TestSupport
@testable import Web

/// Every place that shows a project's KPI actuals shows the same ones, on generated activity
/// records: the claim's stored `kpi_actuals`, `report consortium` (its overview), the
/// dashboard page, the export's `projects/CODE.csv` and the bureau report. Each seed builds a
/// year of random events, placements and consultations for two projects of one consortium
/// (one with a shorter period, events funded by either or neither, records outside the year),
/// and a target for every metric the records give plus one entered by hand.
@Suite(.serialized) struct KPIAgreementTests {
    static let asOf = LocalDate("2026-01-31")!

    @Test(arguments: [1, 2, 3])
    func everyPlaceShowsTheSameKPIActuals(seed: UInt64) async throws {
        let fixture = try await WebFixture.make()
        let projects = ["P-TSUBAME", "P-TSUBAME-2"]
        let (stored, overview, bureau, exported, consortiumRow, kobe) = try await offThread {
            let connection = try fixture.ownerConnection()
            defer { connection.close() }
            try connection.executeScript(unsafeSQL: Self.generated(seed: seed))
            var stored: [KPIActual] = []
            for code in projects {
                let claim = try ClaimRepository().submit(projectCode: code, asOf: Self.asOf, reason: nil, actor: "test", on: connection)
                let json = try connection.query("SELECT kpi_actuals::text AS k FROM claims WHERE id = \(claim.id)")[0].decode(String.self, "k")
                stored += try JSONDecoder().decode([KPIActual].self, from: Data(json.utf8))
            }
            let overview = try ConsortiumOverviewRepository(connection: connection).overview(of: "tsubame", fiscalYear: FiscalYear(2024), asOf: Self.asOf)
            let kobe = try ConsortiumOverviewRepository(connection: connection).overview(of: "kobe", fiscalYear: FiscalYear(2024), asOf: Self.asOf)
            let bureau = try BureauReport.load(scope: ExportScope(fiscalYear: FiscalYear(2024)), asOf: Self.asOf, on: connection)
            let out = TestCluster.scratchDirectory("kpi-agreement").appendingPathComponent("seed-\(seed)-\(UUID().uuidString)").path
            _ = try ClaimExport(options: ExportOptions(
                scope: ExportScope(fiscalYear: FiscalYear(2024)), headers: .en, outDirectory: out, asOf: Self.asOf, actor: "test")).run(on: connection)
            var exported: [String: [[String]]] = [:]
            for code in projects { exported[code] = try Self.readCSV(out + "/projects/\(code).csv") }
            let consortia = try Self.readCSV(out + "/consortia.csv")
            let consortiumRow = Dictionary(uniqueKeysWithValues: zip(consortia[0], consortia.first { $0[3] == "tsubame" } ?? []))
            return (stored, overview, bureau, exported, consortiumRow, kobe)
        }

        // The reference: each project's actuals from the one engine, one project at a time.
        let expected = try await offThread {
            let connection = try fixture.ownerConnection()
            defer { connection.close() }
            return try projects.map { try ActivityActualsRepository(connection: connection).actuals(forProject: $0, asOf: Self.asOf) }
        }
        let kpis = expected.flatMap(\.kpis)
        #expect(kpis.count == projects.count * (KPIMetric.computableMetrics.count + 1))
        #expect(kpis.filter { $0.source == .missing }.isEmpty, "every metric the records give is computed")
        #expect(stored == kpis, "the claims' stored KPI actuals")
        #expect(overview.actuals.kpis == kpis, "report consortium")
        #expect(bureau.kpis.filter { projects.contains($0.projectCode) } == kpis, "the bureau report")

        for (code, actuals) in zip(projects, expected) {
            let rows = try #require(exported[code])
            let kpiRows = rows.filter { $0[0] == "kpi" }.map { [$0[1], $0[2], $0[6], $0[7], $0[8]] }
            #expect(kpiRows == actuals.kpis.map { kpi in
                [kpi.metric, kpi.source.rawValue, kpi.text(kpi.target) ?? "", kpi.text(kpi.actual) ?? "", kpi.achievement.decimalString(fractionDigits: 4) ?? ""]
            }, "the export's projects/\(code).csv")
            // The claim as submitted, and today's records (recomputed by the export) give the same.
            #expect(rows.first { $0[0] == "project" && $0[1] == "activities_match_records" }?[2] == "true", "\(code)")
            #expect(!rows.contains { $0[0] == "kpi_today" || $0[0] == "activity_today" }, "\(code)")
            let activity = Dictionary(uniqueKeysWithValues: rows.filter { $0[0] == "activity" }.map { ($0[1], $0[7]) })
            for metric in KPIMetric.computableMetrics {
                let figure = try #require(KPIMetric.actual(metric, in: actuals))
                #expect(activity[metric] == (KPIActual.text(figure.value, unit: figure.unit) ?? ""), "\(code) \(metric)")
            }
        }
        let year = overview.actuals
        #expect(consortiumRow["events"] == String(year.events) && consortiumRow["participants"] == String(year.participants))
        #expect(consortiumRow["internships"] == String(year.internships) && consortiumRow["placements_side_job"] == String(year.placementsSideJob))
        #expect(consortiumRow["retention_rate_12m"] == (year.retention12m.rate.decimalString(fractionDigits: 4) ?? ""))
        let outcomes = ActivityActuals.sum([kobe.actuals.withKPIs([]), year.withKPIs([])], scope: bureau.activities.scope)
        #expect(bureau.activities == outcomes, "the bureau report's outcomes are its consortia's years added up")

        // The dashboard, through the page a secretariat opens.
        try await fixture.withPages { pages, _ in
            let session = try await pages.login(.secA)
            let page = try await pages.get("/consortia/tsubame?year=2024&as_of=\(Self.asOf)", session: session)
            #expect(page.status == .ok)
            let shown = Self.kpiRows(in: page.text)
            #expect(shown == kpis.map { kpi in
                let show = { (ratio: Ratio?) in ratio.map { kpi.unit == .count ? SVGChart.grouped($0.numerator) : ($0.percent() ?? "—") } ?? "—" }
                return [kpi.projectCode, KPIMetric.japaneseLabel(kpi.metric) + (kpi.source == .manual ? "（手入力）" : ""),
                        show(kpi.target), show(kpi.actual), kpi.achievement.percent() ?? "—", kpi.met ? "達成" : "未達"]
            }, "the dashboard")
        }
    }

    @Test func aClaimVersionPageShowsTheKPIsAsSubmittedAndTodaysRecordsApart() async throws {
        let fixture = try await WebFixture.make()
        try await offThread {
            let connection = try fixture.ownerConnection()
            defer { connection.close() }
            _ = try ClaimRepository().submit(projectCode: "P-TSUBAME", asOf: LocalDate("2025-03-31")!, reason: nil, actor: "test", on: connection)
            // A placement recorded after the claim was submitted.
            try connection.execute("""
                INSERT INTO placements (consortium_id, firm_id, person_ref, employment_type, started_on)
                SELECT c.id, o.id, 'LATE-1', 'full_time', date '2024-10-01' FROM consortia c, organizations o
                WHERE c.code = 'tsubame' AND o.code = 'demo-seimitsu'
                """)
        }
        try await fixture.withPages { pages, _ in
            let session = try await pages.login(.secA)
            let page = try await pages.get("/projects/P-TSUBAME/claims/1", session: session)
            #expect(page.status == .ok)
            let rows = Self.kpiRows(in: page.text)
            #expect(rows.first == ["P-TSUBAME", "成約・採用数", "15", "0", "0.0%", "未達"], "as submitted")
            #expect(page.text.contains(ClaimReport.label("differences")))
            #expect(rows.dropFirst().first == ["P-TSUBAME", "成約・採用数", "15", "1", "6.7%", "未達"], "today's records, apart")
        }
    }

    /// The KPI table's rows of the dashboard: project, metric, target, actual, achievement, met.
    static func kpiRows(in html: String) -> [[String]] {
        let pattern = #"<tr(?: class="today")?><td>([^<]*)</td><td>([^<]*)</td><td class="num">([^<]*)</td><td class="num">([^<]*)</td><td class="num">([^<]*)</td><td>(達成|未達)</td></tr>"#
        let regex = try! NSRegularExpression(pattern: pattern)
        let text = html as NSString
        return regex.matches(in: html, range: NSRange(location: 0, length: text.length)).map { match in
            (1...6).map { text.substring(with: match.range(at: $0)) }
        }
    }

    static func readCSV(_ path: String) throws -> [[String]] {
        var reader = try CSVReader(fileAtPath: path, encoding: .utf8)
        var rows: [[String]] = []
        while let record = try reader.next() { rows.append(record.fields) }
        return rows
    }

    /// A reproducible stream of numbers (SplitMix64), so that a failing seed can be rerun.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
        mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }
        mutating func pick<T>(_ values: [T]) -> T { values[int(0...(values.count - 1))] }
    }

    /// The generated records as SQL (values of our own making only). Dates run from a month
    /// before FY2024 to a month after it; the second project runs 2024-07-01 … 2024-12-31.
    static func generated(seed: UInt64) -> String {
        var random = Generator(state: seed)
        let firstDay = LocalDate("2024-03-01")!
        func day() -> LocalDate { firstDay.adding(days: random.int(0...425)) }
        let firms = ["demo-seimitsu", "demo-kinzoku", "demo-youshoku", "demo-shoji", "demo-soft", "demo-ryokan", "demo-kensetsu"]
        let institutions = ["tsubame-city", "tsubame-cci", "daishi-hokuetsu", "kyoei-shinkumi"]
        var sql = ["SET session_replication_role = replica;", """
            INSERT INTO adopted_projects (consortium_id, code, frame_id, fiscal_year, no, project_name, region, prefecture_code, starts_on, ends_on)
            SELECT c.id, 'P-TSUBAME-2', p.frame_id, 2024, 3, '燕市の人材定着事業', '新潟県燕市', 15, date '2024-07-01', date '2024-12-31'
            FROM consortia c, adopted_projects p WHERE c.code = 'tsubame' AND p.code = 'P-TSUBAME';
            """]
        let consortium = "(SELECT id FROM consortia WHERE code = 'tsubame')"
        func organization(_ code: String) -> String { "(SELECT id FROM organizations WHERE code = '\(code)')" }
        func project(_ code: String?) -> String {
            code.map { "(SELECT id FROM adopted_projects WHERE code = '\($0)')" } ?? "NULL"
        }
        func date(_ value: LocalDate?) -> String { value.map { "date '\($0)'" } ?? "NULL" }
        var internshipEvents: [String] = []
        var eventCodes: [String] = []
        for index in 0..<random.int(15...35) {
            let code = "G\(index)"
            let kind = random.pick(EventKind.allCases)
            let funder = random.pick([nil, nil, "P-TSUBAME", "P-TSUBAME-2"])
            sql.append("""
                INSERT INTO events (consortium_id, code, kind, title, starts_on, project_id)
                VALUES (\(consortium), '\(code)', '\(kind.rawValue)', '取組\(index)', \(date(day())), \(project(funder)));
                """)
            eventCodes.append(code)
            if kind == .internship { internshipEvents.append(code) }
            let event = "(SELECT id FROM events WHERE code = '\(code)')"
            for segment in ParticipantSegment.allCases where random.chance(40) {
                sql.append("INSERT INTO event_participants (consortium_id, event_id, segment, count) VALUES (\(consortium), \(event), '\(segment.rawValue)', \(random.int(0...25)));")
            }
            for member in (firms + institutions) where random.chance(30) {
                sql.append("INSERT INTO event_firms (consortium_id, event_id, organization_id) VALUES (\(consortium), \(event), \(organization(member)));")
            }
        }
        var placements: [(person: String, firm: String)] = []
        for index in 0..<random.int(10...30) {
            let type = random.pick(EmploymentType.allCases)
            let started = day()
            let ended = random.chance(30) ? started.adding(days: random.int(10...500)) : nil
            let firm = random.pick(firms)
            let source = type == .internship && !internshipEvents.isEmpty && random.chance(60)
                ? random.pick(internshipEvents) : (random.chance(25) ? random.pick(eventCodes) : nil)
            let segment = random.chance(75) ? "'\(random.pick(ParticipantSegment.allCases).rawValue)'" : "NULL"
            sql.append("""
                INSERT INTO placements (consortium_id, firm_id, person_ref, employment_type, started_on, ended_on, segment, event_id)
                VALUES (\(consortium), \(organization(firm)), 'H\(index)', '\(type.rawValue)', \(date(started)), \(date(ended)), \(segment),
                        \(source.map { "(SELECT id FROM events WHERE code = '\($0)')" } ?? "NULL"));
                """)
            placements.append(("H\(index)", firm))
        }
        var seen = Set<String>()
        for _ in 0..<random.int(15...50) {
            let placement = !placements.isEmpty && random.chance(30) ? random.pick(placements) : nil
            let firm = placement?.firm ?? random.pick(firms)
            let consulted = day()
            let channel = random.pick(ConsultationChannel.allCases)
            guard seen.insert("\(firm)/\(consulted)/\(channel.rawValue)").inserted else { continue }
            let partner = random.chance(55) ? random.pick(institutions) : nil
            sql.append("""
                INSERT INTO consultations (consortium_id, firm_id, consulted_on, channel, referred_to_id, referred_on, placement_id)
                VALUES (\(consortium), \(organization(firm)), \(date(consulted)), '\(channel.rawValue)',
                        \(partner.map(organization) ?? "NULL"), \(partner == nil ? "NULL" : date(consulted.adding(days: 3))),
                        \(placement.map { "(SELECT id FROM placements WHERE person_ref = '\($0.person)')" } ?? "NULL"));
                """)
        }
        sql.append("DELETE FROM kpi_targets;")
        for code in ["P-TSUBAME", "P-TSUBAME-2"] {
            for metric in KPIMetric.computableMetrics {
                let (unit, target) = metric == "retention_rate_12m" ? ("ratio", "\(random.int(50...100)), 100") : ("count", "\(random.int(0...40)), 1")
                sql.append("""
                    INSERT INTO kpi_targets (consortium_id, project_id, metric, unit, target_numerator, target_denominator)
                    SELECT consortium_id, id, '\(metric)', '\(unit)', \(target) FROM adopted_projects WHERE code = '\(code)';
                    """)
            }
            sql.append("""
                INSERT INTO kpi_targets (consortium_id, project_id, metric, unit, target_numerator, target_denominator,
                                         actual_manual_numerator, actual_manual_denominator, actual_note)
                SELECT consortium_id, id, 'satisfaction_rate', 'ratio', 80, 100, \(random.int(50...100)), 100, '参加企業アンケート'
                FROM adopted_projects WHERE code = '\(code)';
                """)
        }
        sql.append("SET session_replication_role = DEFAULT;")
        return sql.joined(separator: "\n")
    }
}
