import Foundation
import Reports
import Store

/// The signed-in user as the API shows it.
struct UserJSON: Encodable {
    var id: Int64
    var login: String
    var role: String
    var roleLabel: String
    @ExplicitNull var bureau: String?
    /// A reviewer's bureaus; empty for every other role.
    var reviewedBureaus: [String]
    var consortia: [String]

    init(_ user: UserAccount) {
        id = user.id
        login = user.login
        role = user.role.rawValue
        roleLabel = user.role.japaneseName
        bureau = user.bureau?.rawValue
        reviewedBureaus = user.reviewedBureaus.map(\.rawValue)
        consortia = user.consortia.map(\.code)
    }
}

/// An API token as listed; the secret itself only in the creation answer (`NewTokenJSON`).
typealias TokenJSON = RecordJSON<APITokenRecord>

extension APITokenRecord: APIRecord {}

/// A token just made: as listed, with its secret, shown this once.
struct NewTokenJSON: Encodable {
    var record: APITokenRecord
    var token: String

    func encode(to encoder: any Encoder) throws {
        try TokenJSON(record).encode(to: encoder)
        var container = encoder.container(keyedBy: APIKey.self)
        try container.encode(token, forKey: "token")
    }
}
