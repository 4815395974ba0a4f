import Domain
import Foundation
import Testing

@Suite("Prefecture and Bureau")
struct PrefectureTests {
    @Test func hasFortySevenInCodeOrder() throws {
        #expect(Prefecture.all.count == 47)
        #expect(Prefecture.all.map(\.code) == Array(1...47))
        #expect(Prefecture.all.first?.name == "北海道")
        #expect(Prefecture.all.last?.name == "沖縄県")
        #expect(try Prefecture(code: 13).name == "東京都")
        #expect(try Prefecture(code: 15).name == "新潟県")
        #expect(try Prefecture(code: 1).codeString == "01")
        #expect(Set(Prefecture.all.map(\.name)).count == 47)
    }

    @Test(arguments: ["15", "１５", " 15 ", "新潟県", "新潟", "　新潟県"])
    func parsesCodesAndNames(text: String) throws {
        #expect(try Prefecture(parsing: text).code == 15)
    }

    @Test func parsesSingleDigitCodesAndShortNames() throws {
        #expect(try Prefecture(parsing: "1").code == 1)
        #expect(try Prefecture(parsing: "01").code == 1)
        #expect(try Prefecture(parsing: "北海道").code == 1)
        #expect(try Prefecture(parsing: "東京").code == 13)
        #expect(try Prefecture(parsing: "大阪").code == 27)
        #expect(try Prefecture(parsing: "京都").code == 26)
    }

    @Test func rejectsUnknownPrefectures() {
        #expect(throws: IdentifierError.unknownPrefecture("48")) { try Prefecture(parsing: "48") }
        #expect(throws: IdentifierError.unknownPrefecture("0")) { try Prefecture(code: 0) }
        #expect(throws: IdentifierError.unknownPrefecture("015")) { try Prefecture(parsing: "015") }
        #expect(throws: IdentifierError.unknownPrefecture("北海")) { try Prefecture(parsing: "北海") }
        #expect(throws: IdentifierError.empty) { try Prefecture(parsing: " ") }
        #expect(IdentifierError.unknownPrefecture("48").description.contains("48"))
    }

    @Test(arguments: [
        ("新潟県燕市", 15), ("北海道オホーツク管内、釧路市、弟子屈町", 1), ("青森県つがる市", 2),
        ("大阪府大阪市、堺市", 27), ("神奈川県横浜市", 14), ("和歌山県", 30), ("鹿児島県鹿児島市", 46),
        ("東京23区", 13), ("大阪市", 27), ("京都市左京区", 26), (" 長野県塩尻市", 20),
    ])
    func findsThePrefectureThatStartsARegion(region: String, code: Int) {
        #expect(Prefecture.leading(region)?.code == code)
    }

    @Test(arguments: ["福島町", "石川町", "山形村", "京都郡みやこ町", "燕市", "", "府中市"])
    func doesNotGuessFromAmbiguousShortForms(region: String) {
        #expect(Prefecture.leading(region) == nil)
    }

    @Test func everyPrefectureBelongsToExactlyOneBureau() {
        let assigned = Bureau.allCases.flatMap(\.prefectures)
        #expect(assigned.count == 47)
        #expect(Set(assigned) == Set(Prefecture.all))
        for prefecture in Prefecture.all {
            #expect(prefecture.bureau.prefectures.contains(prefecture))
        }
    }

    @Test func followsTheBureauTableOfTheDomain() throws {
        #expect(try Prefecture(code: 15).bureau == .kanto)
        #expect(try Prefecture(code: 22).bureau == .kanto)
        #expect(try Prefecture(code: 16).bureau == .chubu)
        #expect(try Prefecture(code: 18).bureau == .kinki)
        #expect(try Prefecture(code: 47).bureau == .okinawa)
        #expect(Bureau.kanto.prefectures.map(\.code) == [8, 9, 10, 11, 12, 13, 14, 15, 19, 20, 22])
        #expect(Bureau.tohoku.prefectures.map(\.code) == [2, 3, 4, 5, 6, 7])
        #expect(Bureau.chubu.prefectures.map(\.code) == [16, 17, 21, 23, 24])
        #expect(Bureau.kinki.prefectures.map(\.code) == [18, 25, 26, 27, 28, 29, 30])
        #expect(Bureau.chugoku.prefectures.map(\.code) == [31, 32, 33, 34, 35])
        #expect(Bureau.shikoku.prefectures.map(\.code) == [36, 37, 38, 39])
        #expect(Bureau.kyushu.prefectures.map(\.code) == [40, 41, 42, 43, 44, 45, 46])
        #expect(Bureau.hokkaido.prefectures.map(\.code) == [1])
        #expect(Bureau.okinawa.prefectures.map(\.code) == [47])
    }

    @Test func bureausHaveJapaneseNamesAndParse() {
        #expect(Bureau.kanto.japaneseName == "関東経済産業局")
        #expect(Bureau.okinawa.japaneseName == "沖縄総合事務局")
        #expect(Bureau(parsing: "kanto") == .kanto)
        #expect(Bureau(parsing: " 近畿経済産業局") == .kinki)
        #expect(Bureau(parsing: "kantou") == nil)
        #expect(Bureau.hokkaido < Bureau.okinawa)
    }

    @Test func encodesAsTheTwoDigitCode() throws {
        let json = try JSONEncoder().encode([try Prefecture(code: 1)])
        #expect(String(decoding: json, as: UTF8.self) == #"["01"]"#)
        #expect(try JSONDecoder().decode([Prefecture].self, from: json) == [try Prefecture(code: 1)])
    }
}
