import Domain
import Foundation
import Postgres
import Store
import Testing
import TestSupport

/// One decode policy: a stored value that does not decode is an error naming its table and
/// column, never a default or a silently dropped value. The constraints that normally keep
/// such values out are dropped here to store them anyway, as an older schema or a hand edit
/// might have.
@Suite struct StoredValueDecodingTests {
    let fixture: ActivityFixture

    init() throws {
        fixture = try ActivityFixture()
    }

    @Test func anUnknownCodeNamesTableAndColumn() throws {
        try fixture.connection.executeScript(unsafeSQL: """
            ALTER TABLE organizations DROP CONSTRAINT organizations_kind_check;
            UPDATE organizations SET kind = 'guild' WHERE code = 'f1';
            """)
        let error = #expect(throws: PostgresError.self) {
            try OrganizationRepository().find(code: "f1", on: fixture.connection)
        }
        #expect(error?.kind == .decoding)
        #expect(error?.table == "organizations" && error?.column == "kind")
        #expect(error?.description.contains("organizations.kind") == true)
    }

    @Test func aCorporateNumberWithAWrongCheckDigitIsAnErrorNotNil() throws {
        try fixture.connection.executeScript(unsafeSQL: """
            ALTER TABLE organizations DROP CONSTRAINT organizations_corporate_number_check;
            UPDATE organizations SET corporate_number = '1234567890123' WHERE code = 'f1';
            """)
        let error = #expect(throws: PostgresError.self) {
            try OrganizationRepository().find(code: "f1", on: fixture.connection)
        }
        #expect(error?.table == "organizations" && error?.column == "corporate_number")
    }

    @Test func anUnknownParticipantSegmentIsAnErrorNotDropped() throws {
        try fixture.load(.events, """
            code,consortium,kind,title,starts_on,firms
            J1,tsubame,joint_recruiting,合同企業説明会,2024-06-15,f1
            """)
        try fixture.connection.executeScript(unsafeSQL: """
            ALTER TABLE event_participants DROP CONSTRAINT event_participants_segment_check;
            INSERT INTO event_participants (consortium_id, event_id, segment, count)
            SELECT consortium_id, id, 'visitor', 3 FROM events WHERE code = 'J1';
            """)
        let error = #expect(throws: PostgresError.self) {
            try EventRepository().find(consortiumCode: "tsubame", code: "J1", on: fixture.connection)
        }
        #expect(error?.kind == .decoding)
        #expect(error?.table == "event_participants" && error?.column == "segment")
    }

    @Test func aCodeTakenByAnEventThatDoesNotDecodeIsThatErrorNotAFreeCode() throws {
        try fixture.load(.events, """
            code,consortium,kind,title,starts_on,firms
            J1,tsubame,joint_recruiting,合同企業説明会,2024-06-15,f1
            """)
        try fixture.connection.executeScript(unsafeSQL: """
            ALTER TABLE events DROP CONSTRAINT events_kind_check;
            UPDATE events SET kind = 'picnic' WHERE code = 'J1';
            """)
        let draft = EventDraft(code: "J1", kind: .training, title: "研修", startsOn: LocalDate(year: 2024, month: 7, day: 1)!)
        let error = #expect(throws: PostgresError.self) {
            try EventRepository().create(consortiumCode: "tsubame", draft, on: fixture.connection)
        }
        #expect(error?.kind == .decoding)
        #expect(error?.table == "events" && error?.column == "kind")
    }

    struct Columns: Decodable, Equatable {
        var lineRef: String
        var paidOn: LocalDate?
        var category: ExpenseCategory
        var rowVersion: Int
        var files: [String: String]
    }

    @Test func aRecordDecodesFromItsColumnsAndAMissingOneIsAnErrorNotNil() throws {
        let row = try fixture.connection.query("""
            SELECT 'a' AS line_ref, NULL::date AS paid_on, 'travel' AS category, 3 AS version, '{"x": "y"}'::text AS files
            """)[0]
        #expect(try row.decode(Columns.self, renaming: ["rowVersion": "version"])
                == Columns(lineRef: "a", paidOn: nil, category: .travel, rowVersion: 3, files: ["x": "y"]))
        let missing = try fixture.connection.query("SELECT 'a' AS line_ref, 'travel' AS category, 3 AS version, '{}'::text AS files")[0]
        let error = #expect(throws: PostgresError.self) {
            try missing.reading("expenses").decode(Columns.self, renaming: ["rowVersion": "version"])
        }
        #expect(error?.kind == .decoding && error?.table == "expenses" && error?.column == "paid_on")
        let unknown = try fixture.connection.query("SELECT 'a' AS line_ref, NULL::date AS paid_on, 'taxi' AS category, 3 AS version, '{}' AS files")[0]
        let unknownError = #expect(throws: PostgresError.self) {
            try unknown.reading("expenses").decode(Columns.self, renaming: ["rowVersion": "version"])
        }
        #expect(unknownError?.table == "expenses" && unknownError?.column == "category")
    }

    @Test func domainValuesRoundTripAsTypedParameters() throws {
        let date = try #require(LocalDate("2025-02-28"))
        let amount = Yen(Int64.max)
        let year = FiscalYear(2024)
        let number = try CorporateNumber(parsing: "7110002019384")
        let query: PostgresQuery = """
            SELECT \(date) + 1 AS next_day, \(amount) AS amount, \(year) + 1 AS next_year, \(number) AS number,
                   \(ExpenseCategory.travel) AS category, \(Optional<LocalDate>.none) IS NULL AS no_date,
                   pg_typeof(\(date))::text AS date_type, pg_typeof(\(amount))::text AS amount_type
            """
        let row = try fixture.connection.query(query)[0]
        #expect(try row.decode(LocalDate.self, "next_day") == LocalDate("2025-03-01"))
        #expect(try row.decode(Yen.self, "amount") == amount)
        #expect(try row.decode(FiscalYear.self, "next_year") == FiscalYear(2025))
        #expect(try row.decode(CorporateNumber.self, "number") == number)
        #expect(try row.decode(ExpenseCategory.self, "category") == .travel)
        #expect(try row.decode(Bool.self, "no_date"))
        #expect(try row.decode(String.self, "date_type") == "date")
        #expect(try row.decode(String.self, "amount_type") == "bigint")
    }
}
