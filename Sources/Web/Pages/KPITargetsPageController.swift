import Domain
import Hummingbird
import Store

/// A project's KPI targets (成果目標): each metric with its target and, where the records
/// cannot give it, the actual entered by hand; set one by choosing the metric and writing
/// the target as lists do (「15」, 「92.5%」, read by `KPITarget.parseTarget`). Saved through
/// the same repository call as PUT /api/v1/projects/{code}/kpi-targets/{metric}.
struct KPITargetsPageController: PageController, FormPage {
    let database: TenantDatabase
    let renderer: PageRenderer

    static let path = "projects/:code/kpi-targets"

    @Sendable func show(_ request: Request, context: APIContext) async throws -> Response {
        var query = QueryReader(form: request)
        let metric = query.string("metric", maxLength: 64)
        let done = query.string("done", maxLength: 10) != nil
        try query.finish()
        return try await page(context: context, FormState(typed: metric.map { ["metric": $0] } ?? [:], done: done))
    }

    private func page(context: APIContext, _ state: FormState) async throws -> Response {
        let caller = try context.requireCaller()
        let code = try context.code("code")
        let (project, targets) = try await database.run(as: caller) { connection in
            (try ClaimRepository().project(code: code, on: connection), try KPITargetRepository().list(projectCode: code, on: connection))
        }
        var typed = state.typed ?? [:]
        // Choosing a target to change fills the form with it.
        if typed["target"] == nil, let metric = typed["metric"], let current = targets.first(where: { $0.value.metric == metric })?.value {
            typed["target"] = Self.show(current.target, unit: current.unit)
            typed["actual"] = current.manualActual.map { Self.show($0, unit: current.unit) } ?? ""
            typed["actual_note"] = current.note ?? ""
        }
        let known = Set(KPIMetric.computableMetrics)
        var values = ClaimView.header(project)
        values["targets"] = targets.map { versioned -> [String: Any] in
            let target = versioned.value
            return ["metric": target.metric, "label": KPIMetric.japaneseLabel(target.metric), "target": Self.show(target.target, unit: target.unit),
                    "actual": target.manualActual.map { Self.show($0, unit: target.unit) } ?? (known.contains(target.metric) ? "記録から集計" : "—"),
                    "note": target.note ?? ""]
        }
        values["metrics"] = (KPIMetric.computableMetrics + targets.map(\.value.metric).filter { !known.contains($0) }).map {
            ["value": $0, "label": KPIMetric.japaneseLabel($0), "selected": $0 == typed["metric"]]
        }
        values["canWrite"] = Access.writeConsortiumData.contains(caller.role)
        return renderer.page("kpiTargets", title: "成果目標 \(project.code)", values: values, form: typed, state, context: context)
    }

    /// A target as people write it: 「15」, 「92.5%」.
    static func show(_ ratio: Ratio, unit: KPIUnit) -> String {
        unit == .count ? SVGChart.grouped(ratio.numerator) : (ratio.percent() ?? "—")
    }

    @Sendable func save(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.writeConsortiumData, "成果目標の設定")
        let form = try await FormBody.verified(request, context: context)
        let code = try context.code("code")
        var errors: [String: String] = [:]
        let metric = form.trimmed("metric") ?? ""
        if metric.range(of: "^[a-z][a-z0-9_]{0,63}$", options: .regularExpression) == nil { errors["metric"] = "指標を選んでください" }
        var parsed: (unit: KPIUnit, target: Ratio)?
        do {
            parsed = try KPITarget.parseTarget(form.trimmed("target") ?? "")
        } catch {
            errors["target"] = form.trimmed("target") == nil ? "目標を入力してください（例: 15、92.5%）" : error.description
        }
        var actual: Ratio?
        if let text = form.trimmed("actual") {
            do {
                let value = try KPITarget.parseTarget(text)
                if let parsed, value.unit != parsed.unit { errors["actual"] = "実績は目標と同じ形（件数か割合か）で書いてください" }
                actual = value.target
            } catch {
                errors["actual"] = error.description
            }
        }
        let note = form.trimmed("actual_note")
        if note != nil, actual == nil { errors["actual_note"] = "実績を手入力するときだけ書けます" }
        if (note?.count ?? 0) > 500 { errors["actual_note"] = "500文字以内で書いてください" }
        if let parsed, KPIMetric.isComputable(metric), metric == "retention_rate_12m" ? parsed.unit != .ratio : parsed.unit != .count {
            errors["target"] = metric == "retention_rate_12m" ? "12か月定着率は割合（例: 90%）で書いてください" : "この指標は件数・人数（例: 15）で書いてください"
        }
        guard errors.isEmpty, let parsed else {
            return try await page(context: context, .refused(form, errors))
        }
        let target = KPITarget(projectCode: code, metric: metric, unit: parsed.unit, target: parsed.target, manualActual: actual, note: note)
        _ = try await database.run(as: caller) { try KPITargetRepository().put(target, on: $0) }
        return PageRenderer.redirect(to: "/projects/\(code)/kpi-targets?done=1")
    }
}
