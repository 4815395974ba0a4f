import Postgres
import Store
import Testing

/// Lists walk page by page from the cursor of each page's last record: every record once, in
/// the list's order, whatever the page size.
@Suite struct ListPagingTests {
    @Test func membershipsPagedByIDAreTheWholeListInOrder() throws {
        let fixture = try ActivityFixture()
        let repository = MembershipRepository()
        let whole = try repository.list(consortiumCode: "tsubame", .init(), page: PageRequest(limit: 500), on: fixture.connection)
        #expect(whole.next == nil)
        #expect(whole.items.count >= 5)
        let paged = try Page.all { request in
            try repository.list(consortiumCode: "tsubame", .init(), page: PageRequest(limit: 2, after: request.after), on: fixture.connection)
        }
        #expect(paged.map(\.id) == whole.items.map(\.id))
        #expect(paged.map(\.id) == paged.map(\.id).sorted())
    }

    @Test func organizationsPagedByCodeAreTheWholeListInOrder() throws {
        let fixture = try ActivityFixture()
        let repository = OrganizationRepository()
        let whole = try repository.list(.init(), page: PageRequest(limit: 500), on: fixture.connection)
        let paged = try Page.all { request in
            try repository.list(.init(), page: PageRequest(limit: 3, after: request.after), on: fixture.connection)
        }
        #expect(paged.map(\.code) == whole.items.map(\.code))
        #expect(paged.map(\.code) == paged.map(\.code).sorted())
    }
}
