import Domain
import Store

/// Rows of adopted projects for the project list and the dashboard (the published-list CSV
/// is Reports' `AdoptedList`).
enum ProjectsView {
    static func row(_ project: ProjectSummary) -> [String: Any] {
        [
            "code": project.code, "no": project.no.map(String.init) ?? "", "name": project.projectName,
            "consortium": project.consortiumName, "consortiumCode": project.consortiumCode,
            "applicants": project.applicants.map(\.name).joined(separator: "、"),
            "region": project.region, "prefecture": project.prefecture.name,
            "frame": project.frameName ?? project.frame, "granted": PageFormat.yen(project.granted), "status": project.status.japaneseName,
            "year": project.fiscalYear.japaneseName,
        ]
    }
}
