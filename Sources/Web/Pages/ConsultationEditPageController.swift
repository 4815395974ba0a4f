import Domain
import Hummingbird
import Store

/// One consultation from the outcomes page: change what the API lets change (not firm, day or
/// channel, which identify it) at the version it was read at. The form is read as the API's JSON
/// (`FormBody.change`) and the change is the API's (`ActivityController.changeConsultation`).
struct ConsultationEditPageController: PageController, RecordFormPage {
    let database: TenantDatabase
    let renderer: PageRenderer

    static let path = "consortia/:code/outcomes/consultations/:id"

    /// The fields the form may empty, which then clear what was recorded, as null does in the API.
    static let clearable = ["job_category", "employment_type", "referred_to", "referred_on", "placement_person_ref", "referred_by"]

    func page(caller: UserAccount, code: String, id: Int64, context: APIContext, _ state: FormState) async throws -> Response {
        let (consultation, firm) = try await database.run(as: caller) { connection in
            let consultation = try OutcomeRepository().consultation(consortiumCode: code, id: id, on: connection)
            return (consultation, try OrganizationRepository().name(code: consultation.firmCode, on: connection))
        }
        let form = state.typed ?? [
            "job_category": consultation.jobCategory?.rawValue ?? "", "employment_type": consultation.employmentType?.rawValue ?? "",
            "referred_to": consultation.referredToCode ?? "", "referred_on": consultation.referredOn?.description ?? "",
            "placement_person_ref": consultation.placementPersonRef ?? "", "referred_by": consultation.referredByCode ?? "",
            "row_version": String(consultation.rowVersion),
        ]
        let values: [String: Any] = [
            "code": code, "id": String(consultation.id), "firm": firm ?? consultation.firmCode,
            "on": PageFormat.dateWithISO(consultation.consultedOn), "channel": consultation.channel.japaneseName,
            "year": FiscalYear(containing: consultation.consultedOn).startYear,
            "canWrite": Access.writeConsortiumData.contains(caller.role),
            "employmentTypes": PageFormat.options(EmploymentType.allCases, selected: form["employment_type"]),
            "jobCategories": PageFormat.options(JobCategory.allCases, selected: form["job_category"]),
        ]
        return renderer.page("consultationEdit", title: "相談 \(firm ?? consultation.firmCode)", values: values, form: form, state,
                             context: context)
    }

    /// Saves the form at the version it was read at; a stale version is the API's 412, shown as its page.
    @Sendable func save(_ request: Request, context: APIContext) async throws -> Response {
        let (caller, form, code, id, expected) = try await FormBody.recordChange(request, context: context, may: Access.writeConsortiumData, "相談の変更")
        let body = form.change(clearing: Self.clearable)
        return try await form.saved(context: context) {
            _ = try await database.run(as: caller) { connection in
                try OutcomeRepository().updateConsultation(consortiumCode: code, id: id, expectedVersion: expected, on: connection) {
                    try ActivityController.changeConsultation($0.draft, by: body)
                }
            }
            return "/consortia/\(code)/outcomes/consultations/\(id)?done=1"
        } refused: {
            try await page(context: context, $0)
        }
    }
}
