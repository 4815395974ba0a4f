/// The ASCII bytes that CSV syntax and formula safety are made of.
enum CSVByte {
    static let comma: UInt8 = 0x2C
    static let quote: UInt8 = 0x22
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let apostrophe: UInt8 = 0x27

    /// Whether a cell starting with this byte would be taken as a formula (or, for tab and
    /// CR, could be turned into one) by spreadsheet programs: `=`, `+`, `-`, `@`, tab, CR.
    static func startsFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D: true
        default: false
        }
    }
}
