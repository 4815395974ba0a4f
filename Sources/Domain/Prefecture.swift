import Foundation

/// A prefecture (都道府県), by its JIS X 0401 code 01 北海道 … 47 沖縄県.
/// Ordered by code; `description` is the name; Codable as the two-digit code string ("15").
public struct Prefecture: Hashable, Sendable, TextCodable, CustomStringConvertible, Comparable {
    /// 1...47.
    public let code: Int

    /// The prefecture with a code in 1...47.
    public init(code: Int) throws(IdentifierError) {
        guard Self.names.indices.contains(code - 1) else { throw .unknownPrefecture(String(code)) }
        self.code = code
    }

    /// Reads a code ("15", "1", "01", full-width "１５") or a name: the full name ("新潟県") or
    /// the name without 都, 府 or 県 ("新潟", "東京"); surrounding white space is ignored.
    public init(parsing text: String) throws(IdentifierError) {
        let normalized = TextNormalization.normalized(text)
        guard !normalized.isEmpty else { throw .empty }
        if normalized.allSatisfy({ TextNormalization.asciiDigit($0) != nil }) {
            guard normalized.count <= 2, let code = Int(normalized) else { throw .unknownPrefecture(normalized) }
            try self.init(code: code)
            return
        }
        if let index = Self.names.firstIndex(of: normalized) ?? Self.names.firstIndex(where: { Self.shortName($0) == normalized }) {
            try self.init(code: index + 1)
            return
        }
        throw .unknownPrefecture(normalized)
    }

    /// All 47 prefectures in code order.
    public static let all: [Prefecture] = (1...47).map { try! Prefecture(code: $0) }

    /// "01" … "47".
    public var codeString: String {
        code < 10 ? "0\(code)" : String(code)
    }

    /// "北海道", "新潟県", "東京都".
    public var name: String { Self.names[code - 1] }

    /// The METI bureau whose area includes the prefecture.
    public var bureau: Bureau {
        Bureau.allCases.first { $0.prefectureCodes.contains(code) }!
    }

    /// The prefecture named at the start of a region text such as "新潟県燕市" or
    /// "北海道オホーツク管内、釧路市"; nil when none is.
    ///
    /// Full names always count. Of the short forms only "東京", "大阪" and "京都市" do: any other
    /// short form also begins names of municipalities elsewhere (福島町 is in 北海道, 石川町 in
    /// 福島県, 山形村 in 長野県, 京都郡 in 福岡県), so a list saying "福島町" must not become 福島県.
    public static func leading(_ regionText: String) -> Prefecture? {
        let text = TextNormalization.normalized(regionText)
        if let index = names.firstIndex(where: { text.hasPrefix($0) }) {
            return all[index]
        }
        for (prefix, code) in [("東京", 13), ("大阪", 27), ("京都市", 26)] where text.hasPrefix(prefix) {
            return all[code - 1]
        }
        return nil
    }

    /// The name.
    public var description: String { name }

    public static func < (lhs: Prefecture, rhs: Prefecture) -> Bool {
        lhs.code < rhs.code
    }

    public var codedText: String { codeString }

    private static func shortName(_ name: String) -> String {
        name == "北海道" ? name : String(name.dropLast())
    }

    private static let names: [String] = [
        "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県",
        "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県",
        "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県",
        "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県",
        "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県",
        "徳島県", "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県",
        "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
    ]
}
