import Foundation
import Postgres

/// The funnel part of the demo data (issue 17): a prospect that came to the May seminar
/// consults and is referred by its bank, consultations referred by partners of each kind, fees
/// on three placements, and the senior-mentor programme's register and matches at its session.
/// Rows that exist already are imported again with the added column (an upsert by their key).
extension DemoData {
    static func loadFunnel(on connection: PostgresConnection, actor: String, directory: URL) throws {
        try importText(.consultations, """
            consortium,firm,consulted_on,channel,job_category,employment_type,referred_to,referred_on,placement_person_ref,referred_by
            tsubame,demo-oroshi,2024-06-12,bank,sales,full_time,daishi-hokuetsu,2024-06-20,,daishi-hokuetsu
            tsubame,demo-kensetsu,2024-06-18,chamber,general_affairs,full_time,kencho-career,2024-06-25,TB24-008,tsubame-cci
            tsubame,demo-fukushi,2024-07-16,bank,other,full_time,kyoei-shinkumi,2024-07-22,TB24-010,kyoei-shinkumi
            tsubame,demo-seimitsu,2024-07-08,support_center,pr_marketing,side_job,,,TB24-101,niigata-yorozu
            tsubame,demo-mikomi-hamono,2024-06-03,seminar,production_quality,full_time,,,,
            tsubame,demo-mikomi-hamono,2024-08-20,bank,production_quality,full_time,,,,sanjo-shinkin
            """, name: "consultations-funnel.csv", on: connection, actor: actor, directory: directory)
        try importText(.placements, """
            consortium,firm,person_ref,employment_type,started_on,ended_on,segment,job_category,event,fee_yen
            tsubame,demo-system,TB24-006,full_time,2024-07-01,,uij_turn,it_engineer,R6-03,1050000
            tsubame,demo-housewares,TB24-011,full_time,2024-12-01,,uij_turn,sales,R6-12,900000
            tsubame,demo-shoji,TB24-103,side_job,2024-09-01,,side_job_professional,it_engineer,R6-05,150000
            """, name: "placements-fees.csv", on: connection, actor: actor, directory: directory)
        try importText(.mentors, """
            consortium,ref,registered_on,left_on,expertise
            tsubame,MM-01,2023-04-01,,生産管理
            tsubame,MM-02,2023-04-01,,販売マーケティング
            tsubame,MM-03,2024-04-01,,労務管理
            tsubame,MM-04,2023-04-01,2024-09-30,海外展開
            """, name: "mentors.csv", on: connection, actor: actor, directory: directory)
        try importText(.mentorMatches, """
            consortium,event,firm,mentor
            tsubame,R6-20,demo-mikomi-shokuhin,MM-01
            tsubame,R6-20,demo-kenma,MM-03
            """, name: "mentor_matches.csv", on: connection, actor: actor, directory: directory)
    }
}
