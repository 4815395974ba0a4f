import Domain
import Foundation
import HTTPTypes
import Postgres
import Store
import Testing
import TestSupport

/// The reviewing party as a role with its own scope (issue 15): a reviewer names the bureaus
/// it reviews for, records each step after a claim's submission on their projects, reads
/// nothing else, and decides nothing that stays the bureau's.
@Suite struct ReviewerRoleTests {
    /// Return, approval, inspection, confirmation, the refund due and its receipt (the last from
    /// the version page's form), each recorded under the reviewer's account.
    @Test func aReviewerRecordsEachReviewStepOnItsBureausProject() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, api in
            let base = "/api/v1/projects/P-TSUBAME"
            let decision: [String: Any] = ["decided_on": "2024-04-15", "document_number": "20240415関局第12号", "amount_yen": 9_000_000]
            // The grant, the advances and the project's status stay the bureau's.
            #expect(try await api.request(.post, "\(base)/grant-decisions", as: .reviewKanto, json: decision).status == .forbidden)
            #expect(try await api.request(.post, "\(base)/grant-decisions", as: .kanto, json: decision).status == .created)
            let advance: [String: Any] = ["paid_on": "2024-07-01", "amount_yen": 5_000_000]
            #expect(try await api.request(.post, "\(base)/advance-payments", as: .reviewKanto, json: advance).status == .forbidden)
            #expect(try await api.request(.post, "\(base)/advance-payments", as: .kanto, json: advance).status == .created)
            let project = try await api.get(base, as: .reviewKanto)
            #expect(project.status == .ok)
            let withdraw = try await api.request(.patch, base, as: .reviewKanto, json: ["status": "withdrawn"],
                                                 headers: [.ifMatch: try #require(project.etag)])
            #expect(withdraw.status == .forbidden)

            let v1 = try await api.request(.post, "\(base)/claims", as: .secA, json: ["as_of": "2025-03-31"])
            #expect(v1.status == .created)
            let reason = "会場費の領収書（R-001）の写しを添付してください"
            let returned = try await api.request(.patch, "\(base)/claims/1", as: .reviewKanto, json: ["status": "returned", "reason": reason],
                                                 headers: [.ifMatch: try #require(v1.etag)])
            #expect(returned.status == .ok)
            let v2 = try await api.request(.post, "\(base)/claims", as: .secA, json: ["as_of": "2025-03-31", "reason": "R-001 の写しを添付"])
            #expect(v2.status == .created)
            let approved = try await api.request(.patch, "\(base)/claims/2", as: .reviewKanto, json: ["status": "approved"],
                                                 headers: [.ifMatch: try #require(v2.etag)])
            #expect(approved.status == .ok)
            #expect((approved.json["review"] as? [String: Any])?["decided_by"] as? String == "執行団体")

            let inspected = try await api.request(.post, "\(base)/inspection", as: .reviewKanto, json: [
                "inspected_on": "2025-05-20", "inspector": "執行団体 審査課",
            ])
            #expect(inspected.status == .created)
            let confirmed = try await api.request(.post, "\(base)/confirmation", as: .reviewKanto, json: ["confirmed_on": "2025-06-10"])
            #expect(confirmed.status == .created && confirmed.json["confirmed_yen"] as? Int == 400_000)
            // Advances ¥5,000,000 against ¥400,000 confirmed: ¥4,600,000 to be refunded.
            let due = try await api.request(.post, "\(base)/settlement", as: .reviewKanto, json: ["due_on": "2025-07-31"])
            #expect(due.status == .created && due.json["amount_yen"] as? Int == 4_600_000)
            let dueVersion = try #require(due.etag).trimmingCharacters(in: CharacterSet(charactersIn: "\""))

            // The receipt from the version page: confirmed before, at the version read.
            let session = try await pages.login(.reviewKanto)
            let page = try await pages.get("/projects/P-TSUBAME/claims/2", session: session)
            #expect(page.status == .ok && page.text.contains("返還金の受領を登録する") && page.text.contains("返還額 ¥4,600,000"))
            let token = try #require(PageClient.csrf(in: page.text))
            let form = ["csrf": token, "received_on": "2025-07-25", "row_version": dueVersion]
            let unconfirmed = try await pages.post("/projects/P-TSUBAME/claims/2/refund", form: form, session: session)
            #expect(unconfirmed.status == .unprocessableContent)
            let stale = try await pages.post("/projects/P-TSUBAME/claims/2/refund",
                                             form: form.merging(["confirm": "2", "row_version": "\(Int(dueVersion)! + 1)"]) { $1 }, session: session)
            #expect(stale.status == .preconditionFailed)
            #expect(try await api.get("\(base)/settlement", as: .reviewKanto).json["received_on"] == nil)
            let received = try await pages.post("/projects/P-TSUBAME/claims/2/refund", form: form.merging(["confirm": "2"]) { $1 }, session: session)
            #expect(received.status == .seeOther)
            #expect(try await api.get("\(base)/settlement", as: .secA).json["received_on"] as? String == "2025-07-25")
            #expect(try await api.get(base, as: .secA).json["status"] as? String == "refunded")
            let after = try await pages.get("/projects/P-TSUBAME/claims/2?done=received", session: session).text
            #expect(after.contains("返還金の受領を登録しました。") && !after.contains("返還金の受領を登録する"))

            // Every step is on record under the reviewer's account.
            for (table, rows) in [("claim_reviews", 2), ("inspections", 1), ("confirmations", 1), ("settlements", 2)] {
                let audit = try await api.get("/api/v1/audit?table=\(table)", as: .admin)
                #expect(audit.items.count == rows && audit.items.allSatisfy { $0["actor"] as? String == "user:review-kanto" }, "\(table)")
            }
            let me = try await api.get("/api/v1/me", as: .reviewKanto)
            #expect(me.json["role"] as? String == "reviewer" && me.json["reviewed_bureaus"] as? [String] == ["kanto"])
        }
    }

    /// kobe is in kinki: a reviewer for kanto finds none of its projects, claims or lifecycle
    /// records, by the API or the pages, and changes nothing there.
    @Test func aReviewerOfOneBureauNeitherReadsNorActsOnAnothersProjects() async throws {
        let fixture = try await WebFixture.make()
        _ = try await IsolationAPITests.addActivities(fixture)
        try await fixture.withPages { pages, api in
            let claimTag = try #require(try await api.get("/api/v1/projects/P-KOBE/claims/1", as: .kinki).etag)
            for path in [
                "/api/v1/projects/P-KOBE", "/api/v1/projects/P-KOBE/claims", "/api/v1/projects/P-KOBE/claims/1",
                "/api/v1/projects/P-KOBE/expenses", "/api/v1/consortia/kobe", "/api/v1/organizations/kobe-firm",
                "/api/v1/projects/P-KOBE-L/grant-decisions", "/api/v1/projects/P-KOBE-L/inspection",
                "/api/v1/projects/P-KOBE-L/confirmation", "/api/v1/projects/P-KOBE-L/settlement", "/api/v1/projects/P-KOBE-L/timeline",
            ] {
                let reply = try await api.get(path, as: .reviewKanto)
                #expect(reply.status == .notFound && !reply.text.contains("神戸"), "\(path): \(reply.status)")
            }
            #expect(try await api.get("/api/v1/projects", as: .reviewKanto).items.compactMap { $0["code"] as? String } == ["P-TSUBAME", "P-TSUBAME-L"])
            #expect(try await api.get("/api/v1/claims?consortium=kobe", as: .reviewKanto).items.isEmpty)
            #expect(!(try await api.get("/api/v1/audit?limit=500", as: .reviewKanto).text.contains("神戸")))

            // Writes find nothing to act on.
            let approve = try await api.request(.patch, "/api/v1/projects/P-KOBE/claims/1", as: .reviewKanto,
                                                json: ["status": "approved"], headers: [.ifMatch: claimTag])
            #expect(approve.status == .notFound)
            let inspect = try await api.request(.post, "/api/v1/projects/P-KOBE/inspection", as: .reviewKanto,
                                                json: ["inspected_on": "2025-05-20", "inspector": "執行団体 審査課"])
            #expect(inspect.status == .notFound)
            let receipt = try await api.request(.patch, "/api/v1/projects/P-KOBE-L/settlement", as: .reviewKanto,
                                                json: ["received_on": "2025-07-25"], headers: [.ifMatch: "\"1\""])
            #expect(receipt.status == .notFound)

            // The pages: kobe's claim is not there, and a form posted at it changes nothing.
            let session = try await pages.login(.reviewKanto)
            #expect(try await pages.get("/", session: session).headers[.location] == "/projects")
            let projects = try await pages.get("/projects?year=2024", session: session)
            #expect(projects.status == .ok && projects.text.contains("P-TSUBAME") && !projects.text.contains("P-KOBE"))
            #expect(try await pages.get("/bureau/report", session: session).status == .forbidden)
            let own = try await pages.get("/projects/P-TSUBAME/claims/1", session: session)
            #expect(own.status == .ok && own.text.contains("承認する"))
            let token = try #require(PageClient.csrf(in: own.text))
            #expect(try await pages.get("/projects/P-KOBE/claims/1", session: session).status == .notFound)
            #expect(try await pages.get("/projects/P-KOBE/claim", session: session).status == .notFound)
            let posted = try await pages.post("/projects/P-KOBE/claims/1/status", form: [
                "csrf": token, "status": "approved", "row_version": claimTag.trimmingCharacters(in: CharacterSet(charactersIn: "\"")), "confirm": "1",
            ], session: session)
            #expect(posted.status == .notFound)
            let inspection = try await pages.post("/projects/P-KOBE/claims/1/inspection", form: [
                "csrf": token, "inspected_on": "2025-05-20", "inspector": "執行団体 審査課", "confirm": "1",
            ], session: session)
            #expect(inspection.status == .notFound)

            let kobe = try await api.get("/api/v1/projects/P-KOBE/claims/1", as: .kinki)
            #expect(kobe.json["status"] as? String == "submitted" && kobe.json["review"] == nil)
            #expect(try await api.get("/api/v1/projects/P-KOBE/inspection", as: .kinki).status == .notFound)
        }
    }

    /// The same rules held by PostgreSQL with nothing of the service in between: in the
    /// settings the service sets for a reviewer of kanto, kinki's rows are not there, and what
    /// stays the bureau's (grant decisions, advances, a project's status) is refused.
    @Test func theDatabaseHoldsAReviewerToItsBureausAndItsSteps() async throws {
        let fixture = try await WebFixture.make()
        try await offThread {
            let owner = try fixture.ownerConnection()
            defer { owner.close() }
            try IsolationSQLTests.addActivitiesAndClaims(on: owner)
            struct Undo: Error {}
            /// Runs `statement` as the service does for a reviewer of `bureaus`, then rolls back.
            func asReviewer(_ bureaus: [Bureau], _ statement: String) throws -> [PostgresRow] {
                var rows: [PostgresRow] = []
                do {
                    try owner.transaction { connection in
                        try TenantScope(role: .reviewer, userID: 1, consortia: [], bureau: nil, reviewedBureaus: bureaus, actor: "test")
                            .enter(on: connection)
                        rows = try connection.query(PostgresQuery(unsafeSQL: statement)).map { $0 }
                        throw Undo()
                    }
                } catch is Undo {}
                return rows
            }
            /// Refused for want of privilege; `byPolicy`: by row-level security itself (a guard
            /// trigger further on would refuse some of these too, and must not be what the test sees).
            func refused(_ statement: String, byPolicy: Bool = true) -> Bool {
                guard case .failure(let error as PostgresError) = Result(catching: { try asReviewer([.kanto], statement) }) else { return false }
                return error.sqlState == .insufficientPrivilege && (!byPolicy || error.message.contains("row-level security"))
            }
            let visible = "SELECT coalesce(string_agg(code, ',' ORDER BY code), '') AS codes FROM adopted_projects"
            #expect(try asReviewer([.kanto], visible)[0].decode(String.self, "codes") == "P-TSUBAME,P-TSUBAME-L")
            #expect(try asReviewer([.kinki], visible)[0].decode(String.self, "codes") == "P-KOBE,P-KOBE-L")
            #expect(try asReviewer([.kanto, .kinki], visible)[0].decode(String.self, "codes") == "P-KOBE,P-KOBE-L,P-TSUBAME,P-TSUBAME-L")
            #expect(try asReviewer([], visible)[0].decode(String.self, "codes") == "")

            // kinki's claim is not there to approve; kanto's is.
            let approve = "UPDATE claims c SET status = 'returned' FROM adopted_projects p WHERE p.id = c.project_id AND p.code = '%@' RETURNING c.id"
            #expect(try asReviewer([.kanto], approve.replacingOccurrences(of: "%@", with: "P-KOBE")).isEmpty)
            // (a return needs its review row first: the check that says so, not a privilege, refuses it)
            let own = Result { try asReviewer([.kanto], approve.replacingOccurrences(of: "%@", with: "P-TSUBAME")) }
            guard case .failure(let ownError as PostgresError) = own else { Issue.record("returned without a review"); return }
            #expect(ownError.constraint == "claims_reviewed")
            // A review of kinki's claim, its ids known, is refused by the policy.
            let kobeClaim = try owner.query("""
                SELECT c.consortium_id, c.id FROM claims c JOIN adopted_projects p ON p.id = c.project_id WHERE p.code = 'P-KOBE'
                """)[0]
            #expect(refused("""
                INSERT INTO claim_reviews (consortium_id, claim_id, decision, reason, decided_by)
                VALUES (\(try kobeClaim.decode(Int64.self, "consortium_id")), \(try kobeClaim.decode(Int64.self, "id")), 'returned', '理由', 'test')
                """))
            // What stays the bureau's.
            #expect(refused("""
                INSERT INTO grant_decisions (consortium_id, project_id, sequence, decided_on, document_number, amount_yen, created_by)
                SELECT consortium_id, id, 1, '2024-04-01', '第1号', 1000, 'test' FROM adopted_projects WHERE code = 'P-TSUBAME'
                """))
            #expect(refused("""
                INSERT INTO advance_payments (consortium_id, project_id, sequence, paid_on, amount_yen, created_by)
                SELECT consortium_id, id, 2, '2024-07-01', 1000, 'test' FROM adopted_projects WHERE code = 'P-TSUBAME-L'
                """))
            #expect(refused("UPDATE adopted_projects SET status = 'withdrawn' WHERE code = 'P-TSUBAME' RETURNING id", byPolicy: false))
        }
    }

    /// `jinjibu user add --role reviewer` names one or more bureaus; a reviewer without one,
    /// or a bureau user with two, is refused in the operator's words and nothing is created.
    @Test(.timeLimit(.minutes(2)))
    func theCommandLineAddsAReviewerForItsBureaus() async throws {
        let settings = try TestCluster.freshDatabase()
        func add(_ arguments: [String]) async throws -> (status: Int32, output: String, errors: String) {
            let process = Process()
            process.executableURL = try RunningService.binary()
            process.arguments = ["user", "add"] + arguments + ["--password-stdin"]
            process.environment = [
                "JINJIBU_SQL_DIR": try SQLFiles.locate().root.path, "DATABASE_URL": RunningService.url(settings), "LOG_LEVEL": "warning",
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            ]
            let (input, output, errors) = (Pipe(), Pipe(), Pipe())
            (process.standardInput, process.standardOutput, process.standardError) = (input, output, errors)
            try process.run()
            input.fileHandleForWriting.write(Data("correct horse battery staple\n".utf8))
            try input.fileHandleForWriting.close()
            await ShutdownTests.onThread { process.waitUntilExit() }
            return (process.terminationStatus, String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
                    String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        }
        let added = try await add(["rev-a", "--role", "reviewer", "--bureau", "kanto", "--bureau", "chubu"])
        #expect(added.status == 0 && added.output.contains("執行団体"), "\(added.errors)")
        let bare = try await add(["rev-b", "--role", "reviewer"])
        #expect(bare.status == 1 && bare.errors.contains("--bureau が一つ以上必要"), "\(bare.errors)")
        let twice = try await add(["kanto-2", "--role", "bureau", "--bureau", "kanto", "--bureau", "chubu"])
        #expect(twice.status == 1 && twice.errors.contains("--bureau が一つ必要"), "\(twice.errors)")

        let connection = try PostgresConnection(settings: settings)
        defer { connection.close() }
        let accounts = AccountRepository()
        let reviewer = try #require(try accounts.userID(login: "rev-a", on: connection).flatMap { try accounts.user(id: $0, on: connection) })
        #expect(reviewer.role == .reviewer && reviewer.reviewedBureaus == [.chubu, .kanto] && reviewer.bureau == nil)
        #expect(try accounts.userID(login: "rev-b", on: connection) == nil && accounts.userID(login: "kanto-2", on: connection) == nil)
    }
}
