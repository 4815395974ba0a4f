import Foundation

/// A major division of the Japan Standard Industrial Classification (日本標準産業分類 大分類),
/// A–T. The raw value is the letter.
public enum JSICDivision: String, DomainVocabulary {
    case a = "A", b = "B", c = "C", d = "D", e = "E", f = "F", g = "G", h = "H", i = "I", j = "J"
    case k = "K", l = "L", m = "M", n = "N", o = "O", p = "P", q = "Q", r = "R", s = "S", t = "T"

    /// The letter, "A" … "T".
    public var letter: String { rawValue }

    /// The Japanese name of the division, e.g. "製造業".
    public var japaneseName: String {
        switch self {
        case .a: "農業，林業"
        case .b: "漁業"
        case .c: "鉱業，採石業，砂利採取業"
        case .d: "建設業"
        case .e: "製造業"
        case .f: "電気・ガス・熱供給・水道業"
        case .g: "情報通信業"
        case .h: "運輸業，郵便業"
        case .i: "卸売業，小売業"
        case .j: "金融業，保険業"
        case .k: "不動産業，物品賃貸業"
        case .l: "学術研究，専門・技術サービス業"
        case .m: "宿泊業，飲食サービス業"
        case .n: "生活関連サービス業，娯楽業"
        case .o: "教育，学習支援業"
        case .p: "医療，福祉"
        case .q: "複合サービス事業"
        case .r: "サービス業（他に分類されないもの）"
        case .s: "公務（他に分類されるものを除く）"
        case .t: "分類不能の産業"
        }
    }
}
