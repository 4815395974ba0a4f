import Domain
import Postgres

/// The consortium's register of senior mentors (新現役交流会) with how many matches each has
/// had. Reads only: mentors and matches come in through `import mentors` and
/// `import mentor_matches`, which hold the rules.
public struct MentorRepository: Sendable {
    /// A registered mentor, known by the secretariat's pseudonymous reference.
    public struct Mentor: Sendable, Hashable, Encodable {
        public let ref: String
        public let registeredOn: LocalDate
        public let leftOn: LocalDate?
        public let expertise: String?
        /// Firms matched with this mentor at the consortium's sessions, all time.
        public let matches: Int

        enum CodingKeys: String, CodingKey {
            case ref
            case registeredOn = "registered_on"
            case leftOn = "left_on"
            case expertise
            case matches
        }
    }

    public init() {}

    /// Ordered by reference. Throws `RecordError.notFound` for a consortium the caller cannot see.
    public func list(consortiumCode: String, on connection: PostgresConnection) throws -> [Mentor] {
        let consortium = try ConsortiumRepository().find(code: consortiumCode, on: connection)
        return try connection.query("""
            SELECT m.ref, m.registered_on::text AS registered_on, m.left_on::text AS left_on, m.expertise,
                   (SELECT count(*) FROM mentor_matches x WHERE x.consortium_id = m.consortium_id AND x.mentor_id = m.id) AS matches
            FROM mentors m
            WHERE m.consortium_id = \(consortium.id)
            ORDER BY m.ref COLLATE "C"
            """).map { row in
            let row = row.reading("mentors")
            return Mentor(
                ref: try row.decode(String.self, "ref"), registeredOn: try row.decode("registered_on"),
                leftOn: try row.decode("left_on"), expertise: try row.decode(String?.self, "expertise"),
                matches: try row.decode(Int.self, "matches"))
        }
    }
}
