import Domain
import Store

/// Rows of adopted projects for the project list, the dashboard and the published-list CSV.
enum ProjectsView {
    static func row(_ project: ProjectSummary) -> [String: Any] {
        [
            "code": project.code, "no": project.no.map(String.init) ?? "", "name": project.projectName,
            "consortium": project.consortiumName, "consortiumCode": project.consortiumCode,
            "applicants": project.applicants.map(\.name).joined(separator: "、"),
            "region": project.region, "prefecture": project.prefecture.name,
            "frame": project.frame, "granted": PageFormat.yen(project.granted), "status": project.status.japaneseName,
            "year": project.fiscalYear.japaneseName,
        ]
    }

    /// The bureau's published form of the list (採択一覧): No., applicant(s), corporate
    /// number(s), region, project name, with joint applicants `;`-separated as in
    /// `data/adopted_r4.csv`, so the file can be imported again as `adopted_projects`.
    static let csvHeader = ["年度", "枠", "No.", "事業者名", "法人番号", "事業実施地域", "事業名", "交付決定額", "状態"]

    static func csvRecord(_ project: ProjectSummary) -> [String] {
        [
            String(project.fiscalYear.startYear), project.frame, project.no.map(String.init) ?? "",
            project.applicants.map(\.name).joined(separator: ";"),
            project.applicants.map { $0.corporateNumber ?? "" }.joined(separator: ";"),
            project.region, project.projectName, project.granted.map { String($0.amount) } ?? "", project.status.japaneseName,
        ]
    }
}
