import Foundation

extension OrganizationKind {
    /// The kind a published name implies by its legal form (株式会社…, 一般社団法人…, …市):
    /// what the bureau's adopted-project lists give, which carry no kind column.
    /// Returns `.other` when the name says nothing recognisable.
    public static func inferred(fromName name: String) -> OrganizationKind {
        let rules: [(String, OrganizationKind)] = [
            ("特定非営利活動法人", .npo), ("NPO法人", .npo), ("ＮＰＯ法人", .npo),
            ("一般社団法人", .generalAssociation), ("一般財団法人", .generalAssociation),
            ("公益社団法人", .generalAssociation), ("公益財団法人", .supportFoundation),
            ("商工会議所", .chamberOfCommerce), ("商工会", .societyOfCommerce),
            ("信用金庫", .shinkinBank), ("信用組合", .creditCooperative), ("銀行", .regionalBank),
            ("大学", .university), ("高等専門学校", .technicalCollege), ("高専", .technicalCollege),
            ("高等学校", .highSchool), ("ハローワーク", .employmentOffice), ("公共職業安定所", .employmentOffice),
            ("株式会社", .company), ("有限会社", .company), ("合同会社", .company), ("合資会社", .company),
            ("合名会社", .company),
        ]
        for (marker, kind) in rules where name.contains(marker) {
            return kind
        }
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if let last = trimmed.last, "市町村区都道府県".contains(last), trimmed.count <= 8 {
            return .municipality
        }
        return .other
    }
}
