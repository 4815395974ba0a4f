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

/// An API token as listed; the secret itself only in the creation answer.
struct TokenJSON: Encodable {
    var id: Int64
    var name: String
    var createdAt: Date
    var expiresAt: Date
    var revokedAt: Date?
    var lastUsedAt: Date?
    var token: String?

    init(_ record: APITokenRecord, token: String? = nil) {
        id = record.id
        name = record.name
        createdAt = record.createdAt
        expiresAt = record.expiresAt
        revokedAt = record.revokedAt
        lastUsedAt = record.lastUsedAt
        self.token = token
    }
}
