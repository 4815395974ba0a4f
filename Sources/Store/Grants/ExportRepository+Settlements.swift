import Domain
import Postgres

/// What 額の確定 and the settlement say of one project by a date (`report bureau`): the
/// confirmed amount once confirmed, the final payment (精算払) once paid, and a refund apart.
public struct SettledMoney: Sendable, Hashable {
    /// The confirmed amount, when confirmed on or before the date.
    public var confirmed: Yen?
    /// The final payment, when paid on or before the date (¥0 when the advances cover it).
    public var finalPayment: Yen?
    /// A refund the confirmation orders (advances above the confirmed amount): it follows from
    /// the confirmation, so it is due from the confirmation's date whatever its deadline.
    public var refundDue: Yen?
    /// That refund, when received on or before the date.
    public var refundReceived: Yen?
}

extension ExportRepository {
    /// Each project in `export_scope` confirmed on or before `asOf`, by project id. Projects
    /// confirmed later, or not at all, are absent.
    public func settledMoney(asOf: LocalDate, on connection: PostgresConnection) throws -> [Int64: SettledMoney] {
        var result: [Int64: SettledMoney] = [:]
        for row in try connection.query("""
            SELECT f.project_id, f.confirmed_yen,
                   CASE WHEN st.kind = 'payment' AND st.paid_on <= \(asOf) THEN st.amount_yen END AS final_payment_yen,
                   CASE WHEN st.kind = 'refund' THEN st.amount_yen END AS refund_due_yen,
                   CASE WHEN st.kind = 'refund' AND st.received_on <= \(asOf) THEN st.amount_yen END AS refund_received_yen
            FROM export_scope s
            JOIN confirmations f ON f.consortium_id = s.consortium_id AND f.project_id = s.project_id
            LEFT JOIN settlements st ON st.consortium_id = f.consortium_id AND st.project_id = f.project_id
            WHERE f.confirmed_on <= \(asOf)
            """) {
            func yen(_ column: String) throws -> Yen? { try row.decode(Int64?.self, column).map { Yen($0) } }
            result[try row.decode(Int64.self, "project_id")] = SettledMoney(
                confirmed: try yen("confirmed_yen"), finalPayment: try yen("final_payment_yen"),
                refundDue: try yen("refund_due_yen"), refundReceived: try yen("refund_received_yen"))
        }
        return result
    }
}
