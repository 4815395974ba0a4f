import Domain
import Foundation
import Postgres
import Store
import Testing
import TestSupport

/// A stored claim whose line has a reason no vocabulary knows is an error naming the table and
/// column; the line is not skipped (which would show figures that do not add up).
@Suite struct StoredClaimDecodingTests {
    @Test func anUnknownClaimLineReasonIsAnErrorNotASkippedLine() throws {
        let fixture = try ClaimFixture()
        try fixture.project("p1")
        _ = try fixture.expenses(["p1,travel,2024-06-01,2024-06-30,JR,旅費,100000,10000,INV-1,,,,,"])
        _ = try ClaimRepository().submit(projectCode: "p1", asOf: asOf, reason: nil, actor: "secretariat-a", on: fixture.connection)
        try fixture.connection.executeScript(unsafeSQL: """
            ALTER TABLE claim_lines DISABLE TRIGGER USER;
            DO $$ DECLARE c text; BEGIN
                FOR c IN SELECT conname FROM pg_constraint WHERE conrelid = 'claim_lines'::regclass AND contype IN ('c', 'f') LOOP
                    EXECUTE format('ALTER TABLE claim_lines DROP CONSTRAINT %I', c);
                END LOOP;
            END $$;
            UPDATE claim_lines SET reason = 'nonsense';
            """)
        let error = #expect(throws: PostgresError.self) {
            try ClaimRepository().claim(projectCode: "p1", version: 1, on: fixture.connection)
        }
        #expect(error?.kind == .decoding)
        #expect(error?.table == "claim_lines" && error?.column == "reason")
    }
}
