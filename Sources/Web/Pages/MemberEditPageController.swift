import Domain
import Hummingbird
import Store

/// One membership's edit form: role, dates and group, saved by the API's
/// `ConsortiumController.applyMembership` at the version the form was read at.
struct MemberEditPageController: PageController, RecordFormPage {
    let database: TenantDatabase
    let renderer: PageRenderer

    static let path = "consortia/:code/members/:id"

    func page(caller: UserAccount, code: String, id: Int64, context: APIContext, _ state: FormState) async throws -> Response {
        let member = try await database.run(as: caller) { try MembershipRepository().find(consortiumCode: code, id: id, on: $0) }
        let form = state.typed ?? [
            "role": member.role.rawValue, "joined_on": member.joinedOn.description, "left_on": member.leftOn?.description ?? "",
            "group": member.group ?? "", "row_version": String(member.rowVersion),
        ]
        let values: [String: Any] = [
            "code": code, "id": id, "orgName": member.organizationName, "orgCode": member.organizationCode,
            "kind": member.organizationKind.japaneseName,
            "roles": PageFormat.options(MembershipRole.allCases, selected: form["role"]),
            "canWrite": Access.writeConsortiumData.contains(caller.role),
        ]
        return renderer.page("memberEdit", title: "構成員 \(member.organizationName)", values: values, form: form, state, context: context)
    }

    @Sendable func save(_ request: Request, context: APIContext) async throws -> Response {
        let (caller, form, code, id, expected) = try await FormBody.recordChange(request, context: context)
        let body = form.change(["role", "joined_on", "left_on", "group"], clearing: ["left_on", "group"])
        return try await form.saved(context: context, conflicts: false) {
            _ = try await ConsortiumController(database: database).applyMembership(body, consortium: code, id: id, expected: expected, caller: caller)
            return "/consortia/\(code)/members"
        } refused: {
            try await page(context: context, $0)
        }
    }
}
