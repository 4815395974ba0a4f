import Domain
import Hummingbird
import Postgres
import Store

/// One placement or one consultation from the outcomes page: change what the API lets change
/// (not firm, person or day, which identify it) with the version it was read at. The form is
/// read as the API's JSON (`FormBody.jsonBody`) and the change is the API's
/// (`ActivityController.changePlacement` / `changeConsultation`).
struct OutcomeEditPageController: PageController {
    let database: TenantDatabase
    let renderer: PageRenderer

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("consortia/:code/outcomes/placements/:id", use: showPlacement)
        group.post("consortia/:code/outcomes/placements/:id", use: updatePlacement)
        group.get("consortia/:code/outcomes/consultations/:id", use: showConsultation)
        group.post("consortia/:code/outcomes/consultations/:id", use: updateConsultation)
    }

    /// The fields the placement form may empty, which then clear what was recorded, as null does
    /// in the API. A name is one only the consortium's own people see, so only they may clear it.
    static func placementFields(showsNames: Bool) -> [String] {
        (showsNames ? ["person_name"] : []) + ["ended_on", "segment", "job_category", "event", "fee_yen"]
    }

    static let consultationFields = ["job_category", "employment_type", "referred_to", "referred_on", "placement_person_ref", "referred_by"]

    // MARK: Placements

    @Sendable func showPlacement(_ request: Request, context: APIContext) async throws -> Response {
        try await placementPage(context: context, .shown(request))
    }

    private func placementPage(context: APIContext, _ state: FormState) async throws -> Response {
        let caller = try context.requireCaller()
        let code = try context.code("code")
        let id = try ConsortiumController.id(context)
        let (placement, firm) = try await database.run(as: caller) { connection in
            let placement = try OutcomeRepository().placement(consortiumCode: code, id: id, on: connection)
            return (placement, try? OrganizationRepository().find(code: placement.firmCode, on: connection).name)
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

    @Sendable func updatePlacement(_ request: Request, context: APIContext) async throws -> Response {
        try await update(request, context: context, what: "成約・採用の変更", kind: "placements",
                         clearable: Self.placementFields(showsNames: ActivityController.showsNames(try context.requireCaller()))) {
            body, code, id, expected, connection in
            _ = try OutcomeRepository().updatePlacement(consortiumCode: code, id: id, expectedVersion: expected, on: connection) { current in
                try ActivityController.changePlacement(current.draft, by: body)
            }
        } failed: {
            try await placementPage(context: context, $0)
        }
    }

    // MARK: Consultations

    @Sendable func showConsultation(_ request: Request, context: APIContext) async throws -> Response {
        try await consultationPage(context: context, .shown(request))
    }

    private func consultationPage(context: APIContext, _ state: FormState) async throws -> Response {
        let caller = try context.requireCaller()
        let code = try context.code("code")
        let id = try ConsortiumController.id(context)
        let (consultation, firm) = try await database.run(as: caller) { connection in
            let consultation = try OutcomeRepository().consultation(consortiumCode: code, id: id, on: connection)
            return (consultation, try? OrganizationRepository().find(code: consultation.firmCode, on: connection).name)
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

    @Sendable func updateConsultation(_ request: Request, context: APIContext) async throws -> Response {
        try await update(request, context: context, what: "相談の変更", kind: "consultations", clearable: Self.consultationFields) {
            body, code, id, expected, connection in
            _ = try OutcomeRepository().updateConsultation(consortiumCode: code, id: id, expectedVersion: expected, on: connection) { current in
                try ActivityController.changeConsultation(current.draft, by: body)
            }
        } failed: {
            try await consultationPage(context: context, $0)
        }
    }

    /// The steps both edit forms share: the form token, the role, the version read with the
    /// form, the API's change in one write with the version check, and on a validation failure
    /// the page again with the form as typed. A stale version is the API's 412, shown as its page.
    private func update(
        _ request: Request, context: APIContext, what: String, kind: String, clearable: [String],
        save: @escaping @Sendable (JSONBody, String, Int64, Int, PostgresConnection) throws -> Void,
        failed: (FormState) async throws -> Response
    ) async throws -> Response {
        let (caller, form, code, id, expected) = try await FormBody.recordChange(request, context: context, may: Access.writeConsortiumData, what)
        let body = form.change(clearing: clearable, amountFields: ["fee_yen"])
        return try await form.saved(context: context) {
            try await database.run(as: caller) { try save(body, code, id, expected, $0) }
            return "/consortia/\(code)/outcomes/\(kind)/\(id)?done=1"
        } refused: {
            try await failed($0)
        }
    }
}
