extension DemoData {
    /// The applicant's address and representative, which the printed 実績報告書 names: the
    /// secretariat's register row again with the three columns added (an import without them
    /// keeps what is stored, so the register above need not carry them). Made up for the demo,
    /// as 見本 (sample) in both says: not the company's own.
    static var applicantParticulars: String {
        let lines = organizations.split(separator: "\n")
        let secretariat = lines.first { $0.hasPrefix("tsubameito,") } ?? ""
        return """
            \(lines[0]),address,representative_title,representative_name
            \(secretariat),新潟県燕市見本町一丁目1番1号,代表取締役,見本 太郎
            """
    }
}
