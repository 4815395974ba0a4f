import Domain
import Foundation
import Testing

@Suite("Domain vocabularies")
struct VocabularyTests {
    @Test func rawValuesAreTheCodesOfTheInterfaces() {
        #expect(OrganizationKind.allCases.map(\.rawValue) == [
            "company", "npo", "general_association", "chamber_of_commerce", "society_of_commerce", "regional_bank",
            "shinkin_bank", "credit_cooperative", "municipality", "university", "technical_college", "high_school",
            "industry_association", "support_center", "employment_office", "recruiting_company", "support_foundation", "other",
        ])
        #expect(MembershipRole.allCases.map(\.rawValue) == ["secretariat", "institution", "firm"])
        #expect(EventKind.allCases.map(\.rawValue) == [
            "joint_recruiting", "internship", "training", "retention", "side_job_matching", "secondment", "seminar", "council",
            "accompanied_visit", "mentor_session",
        ])
        #expect(ParticipantSegment.allCases.map(\.rawValue) == [
            "student", "new_graduate", "uij_turn", "side_job_professional", "latent_worker", "employee", "other",
        ])
        #expect(EmploymentType.allCases.map(\.rawValue) == ["full_time", "side_job", "internship", "secondment", "contract"])
        #expect(JobCategory.allCases.map(\.rawValue) == [
            "sales", "production_quality", "engineering_design", "accounting_finance", "pr_marketing", "product_planning",
            "corporate_planning", "research_development", "general_affairs", "human_resources", "it_engineer",
            "logistics_purchasing", "creative", "legal", "other",
        ])
        #expect(ConsultationChannel.allCases.map(\.rawValue) == ["seminar", "bank", "chamber", "support_center", "direct", "other"])
        #expect(ExpenseCategory.allCases.map(\.rawValue) == [
            "personnel", "honoraria", "travel", "venue", "advertising", "outsourcing", "equipment", "consumables",
            "course_operation", "other",
        ])
        #expect(JSICDivision.allCases.map(\.rawValue) == "ABCDEFGHIJKLMNOPQRST".map(String.init))
        #expect(SMESector.allCases.map(\.rawValue) == ["manufacturing_other", "wholesale", "retail", "services"])
        #expect(ProjectStatus.allCases.map(\.rawValue) == [
            "adopted", "grant_decided", "in_progress", "reported", "confirmed", "paid", "refunded", "withdrawn",
        ])
        #expect(ClaimStatus.allCases.map(\.rawValue) == ["draft", "submitted", "returned", "approved", "paid"])
        #expect(IneligibilityReason.allCases.map(\.rawValue) == [
            "excluded", "category_not_covered", "outside_period", "unpaid", "no_evidence", "over_category_cap",
        ])
    }

    @Test func japaneseNamesAreDistinctWithinEachVocabulary() {
        func distinct<T: DomainVocabulary>(_ type: T.Type) -> Bool {
            let names = T.allCases.map(\.japaneseName)
            return Set(names).count == names.count && !names.contains("")
        }
        #expect(distinct(OrganizationKind.self))
        #expect(distinct(MembershipRole.self))
        #expect(distinct(EventKind.self))
        #expect(distinct(ParticipantSegment.self))
        #expect(distinct(EmploymentType.self))
        #expect(distinct(JobCategory.self))
        #expect(distinct(ConsultationChannel.self))
        #expect(distinct(ExpenseCategory.self))
        #expect(distinct(JSICDivision.self))
        #expect(distinct(SMESector.self))
        #expect(distinct(ProjectStatus.self))
        #expect(distinct(ClaimStatus.self))
        #expect(distinct(IneligibilityReason.self))
    }

    @Test func jobCategoriesAcceptTheJapaneseLabelsOfTheDomain() {
        let labels = [
            "営業・販売", "生産管理・品質管理", "エンジニア(設計・生産技術)", "経理・財務", "広報・マーケティング",
            "新製品開発・商品企画", "経営企画", "技術開発・研究開発", "総務", "人事", "ITエンジニア", "物流・購買",
            "クリエイティブ", "法務", "その他",
        ]
        #expect(labels.compactMap { JobCategory(japaneseName: $0) } == JobCategory.allCases)
        #expect(JobCategory(japaneseName: "エンジニア（設計・生産技術）") == .engineeringDesign)
        #expect(JobCategory(japaneseName: "ＩＴエンジニア") == .itEngineer)
        #expect(JobCategory(japaneseName: "営業") == nil)
    }

    @Test func parsesCodesAndLabelsFromCells() {
        #expect(EmploymentType(parsing: " full_time ") == .fullTime)
        #expect(EmploymentType(parsing: "FULL_TIME") == .fullTime)
        #expect(EmploymentType(parsing: "常勤") == .fullTime)
        #expect(ExpenseCategory(parsing: "謝金") == .honoraria)
        #expect(JSICDivision(parsing: "e") == .e)
        #expect(JSICDivision(parsing: "Ｅ") == .e)
        #expect(JSICDivision(parsing: "製造業") == .e)
        #expect(OrganizationKind(parsing: "bank") == nil)
    }

    @Test func projectsMoveOneStepAtATimeOrWithdrawBeforePayment() {
        let chain = ProjectStatus.chain
        for (index, status) in chain.enumerated() {
            for target in ProjectStatus.allCases {
                let expected = (index + 1 < chain.count && target == chain[index + 1]) || (target == .withdrawn && status != .paid)
                    || (status == .confirmed && target == .refunded)
                #expect(status.canTransition(to: target) == expected, "\(status) → \(target)")
            }
        }
        #expect(ProjectStatus.allCases.allSatisfy { !ProjectStatus.withdrawn.canTransition(to: $0) })
        #expect(ProjectStatus.adopted.canTransition(to: .grantDecided))
        #expect(!ProjectStatus.adopted.canTransition(to: .inProgress))
        #expect(ProjectStatus.confirmed.canTransition(to: .withdrawn))
        #expect(!ProjectStatus.paid.canTransition(to: .withdrawn))
        #expect(ProjectStatus.allCases.allSatisfy { !ProjectStatus.refunded.canTransition(to: $0) })
        #expect(ProjectStatus.allCases.filter(\.isSetByHand) == [.withdrawn])
        #expect(!ProjectStatus.reported.canTransition(to: .inProgress))
    }

    @Test func claimsFollowTheirLifecycle() {
        let allowed: Set<String> = ["draft→submitted", "submitted→returned", "submitted→approved", "approved→paid"]
        for from in ClaimStatus.allCases {
            for to in ClaimStatus.allCases {
                #expect(from.canTransition(to: to) == allowed.contains("\(from.rawValue)→\(to.rawValue)"), "\(from) → \(to)")
            }
        }
        #expect(ClaimStatus.draft.isEditable)
        #expect(!ClaimStatus.submitted.isEditable)
    }

    @Test func encodesAsTheCode() throws {
        let json = try JSONEncoder().encode([EmploymentType.fullTime])
        #expect(String(decoding: json, as: UTF8.self) == #"["full_time"]"#)
        let caps: [ExpenseCategory: Yen] = [.equipment: 500_000]
        #expect(String(decoding: try JSONEncoder().encode(caps), as: UTF8.self) == #"{"equipment":500000}"#)
    }
}

@Suite struct OrganizationKindInferenceTests {
    @Test(arguments: [
        ("株式会社つばめいと", OrganizationKind.company),
        ("一般社団法人ドット道東", .generalAssociation),
        ("特定非営利活動法人プラットフォームあおもり", .npo),
        ("松本商工会議所", .chamberOfCommerce),
        ("三島信用金庫", .shinkinBank),
        ("燕市", .municipality),
        ("信州大学", .university),
        ("協議会なにがし", .other),
    ])
    func theLegalFormInTheNameGivesTheKind(name: String, kind: OrganizationKind) {
        #expect(OrganizationKind.inferred(fromName: name) == kind)
    }
}
