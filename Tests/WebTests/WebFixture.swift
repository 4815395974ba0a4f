import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Postgres
import Store
import TestSupport
import Web

/// A fresh database with two consortia in different bureaus, a project in each with expenses
/// and a KPI target, and a user of every role holding an API token:
///
/// - `tsubame` (新潟県, kanto): secretariat `sec-a`, viewer `view-a`, project `P-TSUBAME`
/// - `kobe` (兵庫県, kinki): secretariat `sec-b`, project `P-KOBE`
/// - `admin`, bureau users `kanto` and `kinki`, reviewer `review-kanto` (reviews for kanto)
final class WebFixture: Sendable {
    enum User: String, CaseIterable, Sendable {
        case admin, kanto, kinki
        case reviewKanto = "review-kanto"
        case secA = "sec-a"
        case secB = "sec-b"
        case viewA = "view-a"
    }

    static let password = "correct horse battery staple"
    static let kobeSecretariatNumber = CorporateNumber(base: "110001000099").digits
    static let kobeFirmNumber = CorporateNumber(base: "110001000098").digits

    let settings: PostgresConnectionSettings
    let pool: PostgresPool
    let tokens: [User: String]
    let configuration: WebConfiguration

    init(configuration: WebConfiguration = WebConfiguration(secureCookies: true)) throws {
        settings = try TestCluster.freshDatabase()
        self.configuration = configuration
        let connection = try PostgresConnection(settings: settings)
        defer { connection.close() }
        try Self.seed(on: connection)
        var tokens: [User: String] = [:]
        let accounts = AccountRepository()
        let hash = Passwords.hash(Self.password, cost: 4)
        for user in User.allCases {
            let (role, bureau, consortia): (Role, Bureau?, [String]) = switch user {
            case .admin: (.admin, nil, [])
            case .kanto: (.bureau, .kanto, [])
            case .kinki: (.bureau, .kinki, [])
            case .reviewKanto: (.reviewer, nil, [])
            case .secA: (.secretariat, nil, ["tsubame"])
            case .secB: (.secretariat, nil, ["kobe"])
            case .viewA: (.viewer, nil, ["tsubame"])
            }
            let account = try accounts.createUser(
                login: user.rawValue, passwordHash: hash, role: role, bureau: bureau,
                reviewedBureaus: role == .reviewer ? [.kanto] : [], consortiumCodes: consortia, on: connection)
            let token = SecretToken.generate(prefix: "jjb_")
            _ = try accounts.createToken(
                userID: account.id, name: "test", token: token, expiresAt: Date().addingTimeInterval(3600), on: connection)
            tokens[user] = token.value
        }
        self.tokens = tokens
        pool = PostgresPool(configuration: .init(settings: settings, maximumConnections: 4))
    }

    deinit {
        let pool = self.pool
        Task { await pool.shutdown() }
    }

    /// A connection as the database owner, for checks behind the API's back.
    func ownerConnection() throws -> PostgresConnection {
        try PostgresConnection(settings: settings)
    }

    /// Runs `body` against the application built by `buildApplication`, as the service does;
    /// `.live` puts a real server and socket in between (the peer address is then 127.0.0.1).
    func withClient(_ mode: TestingSetup = .router, _ body: @escaping @Sendable (APIClient) async throws -> Void) async throws {
        let app = buildApplication(configuration: configuration, pool: pool)
        try await app.test(mode) { client in
            try await body(APIClient(client: client, tokens: tokens))
        }
    }

    private static func seed(on connection: PostgresConnection) throws {
        // A small 燕市 consortium (the demo data's first members, copied so that the tests do not
        // move when the demo data grows), then a second consortium in another bureau.
        let files: [(ImportKind, String)] = [
            (.organizations, """
            code,kind,name,corporate_number,local_government_code,prefecture_code,jsic_division,sme_sector,capital_yen,employees
            tsubameito,company,株式会社つばめいと,7110002019384,,15,L,services,10000000,12
            tsubame-city,municipality,燕市,,152137,15,S,,,
            tsubame-cci,chamber_of_commerce,燕商工会議所,,,15,,,,
            daishi-hokuetsu,regional_bank,第四北越銀行,,,15,J,,32776000000,2900
            kyoei-shinkumi,credit_cooperative,協栄信用組合,,,15,J,,,
            demo-seimitsu,company,燕精密工業株式会社,4110001000001,,15,E,manufacturing_other,30000000,85
            demo-kinzoku,company,三条金属加工株式会社,3110001000002,,15,E,manufacturing_other,10000000,18
            demo-youshoku,company,株式会社洋食器つばめ,2110001000003,,15,E,manufacturing_other,50000000,140
            demo-shoji,company,燕商事株式会社,1110001000004,,15,I,wholesale,20000000,30
            demo-soft,company,株式会社ツバメソフト,9110001000005,,15,G,services,5000000,9
            demo-ryokan,company,株式会社燕温泉旅館,8110001000006,,15,M,services,3000000,16
            demo-kensetsu,company,燕建設株式会社,7110001000007,,15,D,manufacturing_other,400000000,420
            """),
            (.consortia, """
            code,name,prefecture_code,secretariat,established_on
            tsubame,燕市地域の人事部,15,tsubameito,2022-04-01
            """),
            (.memberships, """
            consortium,organization,role,joined_on,left_on,group
            tsubame,tsubame-city,institution,2022-04-01,,
            tsubame,tsubame-cci,institution,2022-04-01,,
            tsubame,daishi-hokuetsu,institution,2022-04-01,,
            tsubame,kyoei-shinkumi,institution,2022-04-01,,
            tsubame,demo-seimitsu,firm,2022-04-01,,金属加工クラブ
            tsubame,demo-kinzoku,firm,2022-04-01,,金属加工クラブ
            tsubame,demo-youshoku,firm,2022-06-01,,金属加工クラブ
            tsubame,demo-shoji,firm,2023-04-01,,
            tsubame,demo-soft,firm,2023-04-01,,
            tsubame,demo-ryokan,firm,2022-04-01,2024-03-31,
            tsubame,demo-kensetsu,firm,2024-04-01,,
            """),
            (.organizations, """
            code,kind,name,corporate_number,prefecture_code,jsic_division,sme_sector,capital_yen,employees
            kobe-sec,company,神戸人材機構株式会社,\(kobeSecretariatNumber),28,L,services,10000000,8
            kobe-firm,company,神戸精工株式会社,\(kobeFirmNumber),28,E,manufacturing_other,30000000,60
            """),
            (.consortia, """
            code,name,prefecture_code,secretariat,established_on
            kobe,神戸地域の人事部,28,kobe-sec,2023-04-01
            """),
            (.memberships, """
            consortium,organization,role,joined_on
            kobe,kobe-firm,firm,2023-04-01
            """),
            (.adoptedProjects, """
            fiscal_year,program,frame,no,applicant_name,applicant_corporate_number,region,project_name,code,consortium,prefecture_code,granted_yen,starts_on,ends_on,prior_paid_yen
            2024,chiiki-senryaku-jinzai,standard,1,株式会社つばめいと,7110002019384,新潟県燕市,燕市の人材確保事業,P-TSUBAME,tsubame,15,9000000,2024-04-01,2025-03-31,0
            2024,chiiki-senryaku-jinzai,standard,2,神戸人材機構株式会社,\(kobeSecretariatNumber),兵庫県神戸市,神戸の人材確保事業,P-KOBE,kobe,28,8000000,2024-04-01,2025-03-31,0
            """),
            (.expenses, """
            project,category,incurred_on,paid_on,payee,amount_excl_tax_yen,tax_yen,evidence_ref
            P-TSUBAME,venue,2024-06-10,2024-06-30,燕市産業会館,300000,30000,R-001
            P-TSUBAME,advertising,2024-07-01,2024-07-31,新潟日報,500000,50000,R-002
            P-KOBE,venue,2024-06-11,2024-06-30,神戸国際会館,400000,40000,K-001
            """),
            (.kpiTargets, """
            project,metric,target
            P-TSUBAME,placements,15
            P-KOBE,placements,10
            """),
        ]
        let directory = TestCluster.scratchDirectory("seed")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (kind, text) in files {
            let path = directory.appendingPathComponent("\(kind.rawValue).csv").path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let report = try CSVImport.run(kind, file: path, options: ImportOptions(), on: connection, actor: "seed")
            guard report.committed else {
                throw StoreError.conflict("seed \(kind.rawValue): \(report.issues.map(\.description).joined(separator: "; "))")
            }
        }
    }
}

extension WebFixture {
    /// Builds the fixture on a thread of its own: creating and seeding a database blocks in
    /// libpq, and blocking the few threads Swift concurrency has would stall every other test
    /// running meanwhile (the readiness test measures time).
    /// One at a time, too: TestCluster copies databases behind a lock that the synchronous
    /// suites wait for on those same few threads, so a queue of fixtures there stalls them.
    static func make(configuration: WebConfiguration = WebConfiguration(secureCookies: true)) async throws -> WebFixture {
        try await offThread { try creation.withLock { try WebFixture(configuration: configuration) } }
    }

    private static let creation = NSLock()
}
