import Domain
import Store

/// A KPI target with its actual and achievement, as the export lists it.
///
/// The actual comes from the records for the metrics they give (`events`, `participants`,
/// `training_participants`, `placements`, `placements_full_time`, `placements_side_job`,
/// `internships`, `consultations`, `referrals` as counts, `retention_rate_12m` as a ratio);
/// otherwise from the figure entered by hand (`manual`); otherwise it is `missing`.
struct KPIEvaluation {
    enum Source: String { case computed, manual, missing }

    let metric: String
    let unit: KPITargetRecord.Unit
    let target: Ratio
    let actual: Ratio?
    let source: Source
    /// actual / target; not applicable without an actual or with a zero target.
    let achievement: Ratio
    let met: Bool

    init(target record: KPITargetRecord, activities: ActivityTally, retention: RetentionCalculator.Result) {
        metric = record.metric
        unit = record.unit
        target = record.target
        let computed: Ratio? = switch (record.metric, record.unit) {
        case ("events", .count): Ratio(Int64(activities.events), 1)
        case ("participants", .count): Ratio(Int64(activities.participants), 1)
        case ("training_participants", .count): Ratio(Int64(activities.trainingParticipants), 1)
        case ("placements", .count): Ratio(Int64(activities.placements), 1)
        case ("placements_full_time", .count): Ratio(Int64(activities.placementsFullTime), 1)
        case ("placements_side_job", .count): Ratio(Int64(activities.placementsSideJob), 1)
        case ("internships", .count): Ratio(Int64(activities.internships), 1)
        case ("consultations", .count): Ratio(Int64(activities.consultations), 1)
        case ("referrals", .count): Ratio(Int64(activities.referrals), 1)
        case ("retention_rate_12m", .ratio): retention.rate
        default: nil
        }
        if let computed {
            (actual, source) = (computed, .computed)
        } else if let manual = record.manualActual {
            (actual, source) = (manual, .manual)
        } else {
            (actual, source) = (nil, .missing)
        }
        guard let actual, actual.isApplicable else {
            (achievement, met) = (Ratio(0, 0), false)
            return
        }
        switch unit {
        case .count:
            achievement = KPI.achievement(actual: actual.numerator, target: target.numerator)
            met = KPI.isMet(actual: actual.numerator, target: target.numerator)
        case .ratio:
            achievement = KPI.achievement(actual: actual, target: target)
            met = KPI.isMet(actual: actual, target: target)
        }
    }

    /// A figure in the target's unit: "200" for a count, "0.9000" for a ratio.
    func text(_ value: Ratio?) -> String? {
        guard let value else { return nil }
        return unit == .count ? String(value.numerator) : value.decimalString(fractionDigits: 4)
    }
}
