import Domain
import Hummingbird
import Store

/// The applicant's address and representative (所在地・代表者) that the 実績報告書 prints, as a
/// form: saved through the API's organisation change (`OrganizationController.apply`) at the
/// version the form was read at, so the same rule (`OrganizationParticular`), roles and
/// shared-organisation check apply. An emptied field clears the value.
struct OrganizationParticularsPageController: PageController, FormPage {
    let database: TenantDatabase
    let renderer: PageRenderer

    static let path = "organizations/:code/particulars"

    static let fields = OrganizationParticular.allCases.map(\.rawValue)

    @Sendable func show(_ request: Request, context: APIContext) async throws -> Response {
        var query = QueryReader(form: request)
        let back = query.string("back", maxLength: 300).flatMap(Self.localPath)
        try query.finish()
        return try await page(context: context, back: back, FormState())
    }

    private func page(context: APIContext, back: String?, _ state: FormState) async throws -> Response {
        let caller = try context.requireCaller()
        let code = try context.code("code")
        let (organization, readOnly) = try await database.run(as: caller) { connection in
            let repository = OrganizationRepository()
            let organization = try repository.find(code: code, on: connection)
            return (organization, try repository.isReadOnly(organization, on: connection))
        }
        let form = state.typed ?? [
            "address": organization.address ?? "", "representative_title": organization.representativeTitle ?? "",
            "representative_name": organization.representativeName ?? "", "row_version": String(organization.rowVersion),
            "back": back ?? "",
        ]
        let values: [String: Any] = [
            "code": organization.code, "name": organization.name,
            "canWrite": Access.writeConsortiumData.contains(caller.role) && !readOnly, "readOnly": readOnly,
            "limits": Dictionary(uniqueKeysWithValues: OrganizationParticular.allCases.map { ($0.rawValue, $0.maxLength) }),
            "back": back ?? false,
        ]
        return renderer.page("organizationParticulars", title: "所在地・代表者 \(organization.name)", values: values, form: form, state,
                             context: context)
    }

    @Sendable func save(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.writeConsortiumData, "団体の変更")
        let form = try await FormBody.verified(request, context: context)
        let code = try context.code("code")
        let expected = try form.rowVersion()
        let back = form["back"].flatMap(Self.localPath)
        let body = form.change(Set(Self.fields), clearing: Self.fields)
        return try await form.saved(context: context, conflicts: false) {
            _ = try await OrganizationController(database: database).apply(body, to: code, expected: expected, caller: caller)
            return back ?? "/organizations/\(code)/particulars"
        } refused: {
            try await page(context: context, back: back, $0)
        }
    }

    /// Where to go after saving: only a path of this site (the 実績報告書 that linked here).
    static func localPath(_ text: String) -> String? {
        text.hasPrefix("/") && !text.hasPrefix("//") && !text.contains("\\") ? text : nil
    }
}
