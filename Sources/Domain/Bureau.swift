import Foundation

/// A regional bureau of the Ministry of Economy, Trade and Industry (経済産業局); 沖縄 is served
/// by the Okinawa General Bureau. Each prefecture belongs to exactly one, and a bureau sees
/// only its prefectures. Ordered as declared (north to south).
public enum Bureau: String, CaseIterable, Sendable, Codable, Comparable {
    case hokkaido, tohoku, kanto, chubu, kinki, chugoku, shikoku, kyushu, okinawa

    /// "関東経済産業局", "沖縄総合事務局".
    public var japaneseName: String {
        switch self {
        case .hokkaido: "北海道経済産業局"
        case .tohoku: "東北経済産業局"
        case .kanto: "関東経済産業局"
        case .chubu: "中部経済産業局"
        case .kinki: "近畿経済産業局"
        case .chugoku: "中国経済産業局"
        case .shikoku: "四国経済産業局"
        case .kyushu: "九州経済産業局"
        case .okinawa: "沖縄総合事務局"
        }
    }

    /// The prefectures of the bureau's area, in code order.
    public var prefectures: [Prefecture] {
        prefectureCodes.map { Prefecture.all[$0 - 1] }
    }

    /// Reads the raw value ("kanto") or the Japanese name ("関東経済産業局"), trimmed.
    public init?(parsing text: String) {
        let normalized = TextNormalization.normalized(text)
        guard let bureau = Bureau(rawValue: normalized.lowercased()) ?? Bureau.allCases.first(where: { $0.japaneseName == normalized }) else {
            return nil
        }
        self = bureau
    }

    /// JIS X 0401 codes per DOMAIN.md (関東 includes 新潟, 山梨, 長野 and 静岡).
    var prefectureCodes: [Int] {
        switch self {
        case .hokkaido: [1]
        case .tohoku: [2, 3, 4, 5, 6, 7]
        case .kanto: [8, 9, 10, 11, 12, 13, 14, 15, 19, 20, 22]
        case .chubu: [16, 17, 21, 23, 24]
        case .kinki: [18, 25, 26, 27, 28, 29, 30]
        case .chugoku: [31, 32, 33, 34, 35]
        case .shikoku: [36, 37, 38, 39]
        case .kyushu: [40, 41, 42, 43, 44, 45, 46]
        case .okinawa: [47]
        }
    }

    public static func < (lhs: Bureau, rhs: Bureau) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
