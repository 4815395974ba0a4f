import Store
import Testing

/// An import row is inserted, left alone when the stored row holds its values (NULLs
/// included), or updated when any value differs, and the report says which (`Upsert`).
@Suite struct UpsertOutcomeTests {
    @Test func aRowIsInsertedThenUnchangedThenUpdatedValueByValue() throws {
        let fixture = try ActivityFixture()
        let header = "consortium,ref,registered_on,left_on,expertise\n"
        let first = try fixture.run(.mentors, header + "tsubame,M1,2024-04-01,,\ntsubame,M2,2024-04-01,,生産管理\n")
        #expect(first.committed && first.inserted == 2 && first.updated == 0 && first.unchanged == 0)
        let again = try fixture.run(.mentors, header + "tsubame,M1,2024-04-01,,\ntsubame,M2,2024-04-01,,生産管理\n")
        #expect(again.committed && again.inserted == 0 && again.updated == 0 && again.unchanged == 2)
        // A NULL that becomes a value, and a value that becomes NULL, are changes.
        let changed = try fixture.run(.mentors, header + "tsubame,M1,2024-04-01,2025-03-31,\ntsubame,M2,2024-04-01,,\n")
        #expect(changed.committed && changed.inserted == 0 && changed.updated == 2 && changed.unchanged == 0)
        // The same ref in another consortium is another mentor.
        let other = try fixture.run(.mentors, header + "mishima,M1,2024-04-01,,\n")
        #expect(other.committed && other.inserted == 1)
        #expect(try fixture.count("SELECT count(*) FROM mentors WHERE left_on = '2025-03-31' AND expertise IS NULL") == 1)
    }
}
