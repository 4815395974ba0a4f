import Foundation
import Postgres

/// The demo data set `serve --demo` loads into an empty database: the 燕市 consortium of the
/// pilot year with its secretariat, institutions and a group of member firms. It goes in
/// through the CSV importers, so it obeys every rule real data does. Corporate numbers of
/// the fictional firms are made up but carry valid check digits.
public enum DemoData {
    /// Loads the demo data unless the database already has a consortium; returns whether it
    /// loaded anything.
    @discardableResult
    public static func loadIfEmpty(on connection: PostgresConnection, actor: String) throws -> Bool {
        let hasData = try connection.query("SELECT EXISTS (SELECT 1 FROM consortia) AS present")[0].decode(Bool.self, "present")
        guard !hasData else { return false }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jinjibu-demo-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try connection.transaction { connection in
            for (kind, text) in files {
                try importText(kind, text, name: "\(kind.rawValue).csv", on: connection, actor: actor, directory: directory)
            }
            try loadClaims(on: connection, actor: actor, directory: directory)
        }
        return true
    }

    static func importText(
        _ kind: ImportKind, _ text: String, name: String, on connection: PostgresConnection, actor: String, directory: URL
    ) throws {
        let path = directory.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let report = try CSVImport.run(kind, file: path, options: ImportOptions(), on: connection, actor: actor)
        guard report.committed else {
            throw StoreError.conflict("demo data \(name) refused: \(report.issues.prefix(5).map(\.description).joined(separator: "; "))")
        }
    }

    static let files: [(ImportKind, String)] = [
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
    ]
}
