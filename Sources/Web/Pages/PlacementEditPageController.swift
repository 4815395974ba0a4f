import Domain
import Hummingbird
import Store

/// One placement from the outcomes page: change what the API lets change (not firm, person or
/// day, which identify it) at the version it was read at. The form is read as the API's JSON
/// (`FormBody.change`) and the change is the API's (`ActivityController.changePlacement`).
struct PlacementEditPageController: PageController, RecordFormPage {
    let database: TenantDatabase
    let renderer: PageRenderer

    static let path = "consortia/:code/outcomes/placements/:id"

    /// The fields the form may empty, which then clear what was recorded, as null does in the
    /// API. A name is one only the consortium's own people see, so only they may clear it.
    static func clearable(showsNames: Bool) -> [String] {
        (showsNames ? ["person_name"] : []) + ["ended_on", "segment", "job_category", "event", "fee_yen"]
    }

    func page(caller: UserAccount, code: String, id: Int64, context: APIContext, _ state: FormState) async throws -> Response {
        let (placement, firm) = try await database.run(as: caller) { connection in
            let placement = try OutcomeRepository().placement(consortiumCode: code, id: id, on: connection)
            return (placement, try OrganizationRepository().name(code: placement.firmCode, on: connection))
        }
        let names = ActivityController.showsNames(caller)
        var form = state.typed ?? [
            "employment_type": placement.employmentType.rawValue, "ended_on": placement.endedOn?.description ?? "",
            "segment": placement.segment?.rawValue ?? "", "job_category": placement.jobCategory?.rawValue ?? "",
            "event": placement.eventCode ?? "", "fee_yen": placement.fee.map { String($0.amount) } ?? "",
            "row_version": String(placement.rowVersion),
        ]
        if names, state.typed == nil { form["person_name"] = placement.personName ?? "" }
        let values: [String: Any] = [
            "code": code, "id": String(placement.id), "firm": firm ?? placement.firmCode, "personRef": placement.personRef,
            "startedOn": PageFormat.dateWithISO(placement.startedOn), "year": FiscalYear(containing: placement.startedOn).startYear,
            "canWrite": Access.writeConsortiumData.contains(caller.role), "showsNames": names,
            "employmentTypes": PageFormat.options(EmploymentType.allCases, selected: form["employment_type"]),
            "segments": PageFormat.options(ParticipantSegment.allCases, selected: form["segment"]),
            "jobCategories": PageFormat.options(JobCategory.allCases, selected: form["job_category"]),
        ]
        return renderer.page("placementEdit", title: "成約・採用 \(placement.personRef)", values: values, form: form, state, context: context)
    }

    /// Saves the form at the version it was read at; a stale version is the API's 412, shown as its page.
    @Sendable func save(_ request: Request, context: APIContext) async throws -> Response {
        let (caller, form, code, id, expected) = try await FormBody.recordChange(request, context: context, may: Access.writeConsortiumData, "成約・採用の変更")
        let body = form.change(clearing: Self.clearable(showsNames: ActivityController.showsNames(caller)), amountFields: ["fee_yen"])
        return try await form.saved(context: context) {
            _ = try await database.run(as: caller) { connection in
                try OutcomeRepository().updatePlacement(consortiumCode: code, id: id, expectedVersion: expected, on: connection) {
                    try ActivityController.changePlacement($0.draft, by: body)
                }
            }
            return "/consortia/\(code)/outcomes/placements/\(id)?done=1"
        } refused: {
            try await page(context: context, $0)
        }
    }
}
