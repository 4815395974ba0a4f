import Domain
import Foundation
import Postgres
import Store
import Testing
import TestSupport

/// The demo data shows every part of the funnel as hubs count it (issue 17, item 5).
@Suite struct DemoFunnelTests {
    @Test func theDemoYearHasProspectsNewAndRepeatConsultationsReferralsAVisitAndAMentorSession() throws {
        let connection = try PostgresConnection(settings: TestCluster.freshDatabase())
        defer { connection.close() }
        #expect(try DemoData.loadIfEmpty(on: connection, actor: "demo"))
        let funnel = try ActivityActualsRepository(connection: connection)
            .hubFunnel(forConsortium: "tsubame", fiscalYear: FiscalYear(2024), asOf: LocalDate("2025-06-01")!)
        #expect(funnel.seminars.sessions == 3 && funnel.seminars.prospectFirms == 2)
        #expect(funnel.accompaniedVisits.sessions == 1 && funnel.accompaniedVisits.prospectFirmSessions == 1)
        #expect(funnel.newConsultations > 0 && funnel.repeatConsultations > 0)
        #expect(funnel.consultationsFromProspects > 0)
        #expect(funnel.referralsFrom[.regionalBank] == 1 && funnel.referralsFrom[.shinkinOrCreditCooperative] == 2)
        #expect(funnel.referralsFrom[.chamberOrSociety] == 1 && funnel.referralsFrom[.supportCenter] == 1)
        #expect(funnel.referralsTo[.regionalBank] > 0 && funnel.referralsTo[.other] > 0)
        #expect(funnel.matchesFullTime == 14 && funnel.matchesSideJob == 6)
        #expect(funnel.feeIncome == Yen(2_100_000) && funnel.placementsWithFee == 3)
        #expect(funnel.mentors.sessions == 1 && funnel.mentors.firmsTakingPart == 3 && funnel.mentors.firmsMatched == 2)
        // MM-04 left on 2024-09-30; three remain registered at the year's end.
        #expect(funnel.mentors.mentorsRegistered == 3)
    }
}
