import Hummingbird
import Postgres

/// `/healthz` says the process is up; `/readyz` that the database answers in time.
struct HealthController {
    let pool: PostgresPool
    let timeout: Duration

    func addRoutes(to router: Router<some RequestContext>) {
        router.get("healthz") { _, _ in
            HTTPResponse.Status.ok
        }
        router.get("readyz") { _, _ -> Response in
            let reachable = await withTaskGroup(of: Bool.self) { group in
                group.addTask {
                    (try? await pool.withConnection { connection in
                        try connection.query("SELECT 1 AS ok").count == 1
                    }) ?? false
                }
                group.addTask {
                    try? await Task.sleep(for: timeout)
                    return false
                }
                let first = await group.next() ?? false
                group.cancelAll()
                return first
            }
            guard reachable else {
                throw Problem(status: .serviceUnavailable, type: "database-unavailable", title: "データベースに接続できません")
            }
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ready\n")))
        }
    }
}
