import Foundation

extension Bureau {
    /// The head of the bureau as a form addresses it: "関東経済産業局長", "沖縄総合事務局長"
    /// (the chief of each 経済産業局 is its 局長; 沖縄 is served by the Okinawa General Bureau,
    /// whose head is the 沖縄総合事務局長).
    public var chiefTitle: String { japaneseName + "長" }
}
