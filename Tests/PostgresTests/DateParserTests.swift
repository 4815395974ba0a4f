import Foundation
@testable import Postgres
import Testing
import TestSupport

/// The server's ISO text for dates and timestamps, read without `Calendar` (issue #18): every
/// instant must be the one `Calendar` gives for the same fields, and text the server would
/// never print must not read as some instant.
@Suite struct DateParserTests {
    let connection: PostgresConnection

    init() throws {
        connection = try PostgresConnection(settings: TestCluster.freshDatabase(empty: true))
    }

    /// Thousands of instants from year 1 to 9999 as the server prints them in zones east and
    /// west of UTC, historical offsets with seconds among them (Tokyo's +09:18:59 before
    /// 1888), and as dates: each is the instant the server counts, proleptic Gregorian
    /// throughout as PostgreSQL's calendar is (Foundation's `Calendar`, which this parser
    /// replaced, switches to the Julian calendar before October 1582).
    @Test(arguments: ["UTC", "Asia/Tokyo", "America/St_Johns", "Asia/Kathmandu", "Pacific/Chatham", "America/Los_Angeles"])
    func everyInstantIsTheServers(zone: String) throws {
        _ = try connection.query("SELECT set_config('TimeZone', \(zone), false)")
        let rows = try connection.query("""
            SELECT t::text AS instant, t::date::text AS day, extract(epoch FROM t)::text AS epoch,
                   extract(epoch FROM t::date)::text AS day_epoch
            FROM (SELECT timestamptz '0001-01-01 00:00:00+00' + random() * interval '9998 years' AS t
                  FROM generate_series(1, 2000)) s
            """)
        for row in rows {
            let (instant, day) = (try row.decode(String.self, "instant"), try row.decode(String.self, "day"))
            let epoch = try #require(Double(try row.decode(String.self, "epoch")))
            let dayEpoch = try #require(Double(try row.decode(String.self, "day_epoch")))
            let parsed = try #require(PostgresDateParser.parse(instant), "\(instant)")
            // Within a millisecond: a `Date` of year 1 is a double whose last bit is worth 8 µs;
            // a wrong day, offset or second would be a second off at least.
            #expect(abs(parsed.timeIntervalSince1970 - epoch) < 1e-3, "\(instant)")
            #expect(PostgresDateParser.parse(day)?.timeIntervalSince1970 == dayEpoch, "\(day)")
        }
    }

    @Test(arguments: [
        ("1970-01-01 00:00:00+00", 0.0),
        ("2000-02-29 12:00:00+00", 951_825_600.0),
        ("2024-04-01 09:30:00.25+09", 1_711_931_400.25),
        ("2023-11-14 22:13:20.5+00", 1_700_000_000.5),
        ("1900-01-01 00:00:00+09:18:59", -2_208_988_800.0 - 33_539),
        ("2024-12-31T23:59:59-05:30", 1_735_689_599.0 + 19_800),
        ("1969-12-31", -86_400.0),
    ])
    func knownInstants(text: String, secondsSince1970: Double) {
        #expect(PostgresDateParser.parse(text) == Date(timeIntervalSince1970: secondsSince1970))
    }

    @Test(arguments: [
        "", "2024", "2024-02-30", "2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-01-00",
        "2024-01-01 24:00:00+00", "2024-01-01 12:60:00+00", "2024-01-01 12:00:60+00", "2024-01-01 12:00", "2024-01-01 12-00-00",
        "2024-01-01 12:00:00.+00", "2024-01-01 12:00:00+0", "2024-01-01 12:00:00+09:", "2024-01-01 12:00:00+09:00x",
        "2024-01-01 12:00:00Z", "infinity", "-infinity", "0044-03-15 BC", "10000-01-01", "２０２４-01-01",
    ])
    func textTheServerNeverPrintsIsNoInstant(text: String) {
        #expect(PostgresDateParser.parse(text) == nil, "\(text)")
    }
}
